"""The focus-group pass rule.

Only sessions that tested the page's current words count: a session whose recorded text differs from
the page by more than the "material change" threshold is out of date. Across those sessions:
- at least `min_participants` residents took part (sessions add up);
- every task asked was completed without help by at least `min_completion_percent` of the people
  who tried it (a task asked in two sessions adds both sessions' numbers);
- the average ease rating, weighted by participants, is at least `min_ease_rating`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .content import is_material_change, page_text


@dataclass
class FocusGroupThresholds:
    min_participants: int = 5
    min_completion_percent: int = 80
    min_ease_rating: Decimal = Decimal(4)
    material_change_percent: int = 10


@dataclass
class FocusGroupResult:
    passed: bool
    participants: int = 0
    ease_rating: Decimal | None = None
    task_rates: dict = field(default_factory=dict)  # task -> percent completed without help
    problems: list = field(default_factory=list)
    sessions: list = field(default_factory=list)

    def summary(self):
        if self.passed:
            return f"Focus-group test passed: {self.participants} residents, ease {self.ease_rating}."
        return "Focus-group test not passed yet: " + "; ".join(self.problems)


def evaluate(sessions, settings):
    """The rule on the given sessions (with their task results), against FocusGroupThresholds."""
    problems = []
    participants = sum(session.participants for session in sessions)
    if not sessions:
        return FocusGroupResult(False, problems=["no focus-group sessions on the current version of the page"])
    tried, completed = defaultdict(int), defaultdict(int)
    for session in sessions:
        for result in session.task_results.all():
            key = " ".join(result.task.lower().split())
            tried[key] += session.participants
            completed[key] += min(result.completed_without_help, session.participants)
    rates = {task: round(100 * completed[task] / tried[task]) for task in tried}
    ease = round(sum(Decimal(s.ease_rating) * s.participants for s in sessions) / participants, 1)
    if participants < settings.min_participants:
        problems.append(f"{participants} participants (at least {settings.min_participants} needed)")
    if not rates:
        problems.append("no tasks recorded")
    for task, rate in rates.items():
        if rate < settings.min_completion_percent:
            problems.append(f'"{task}" completed without help by {rate}% (at least {settings.min_completion_percent}%)')
    if ease < settings.min_ease_rating:
        problems.append(f"ease rating {ease} (at least {settings.min_ease_rating})")
    return FocusGroupResult(not problems, participants, ease, rates, problems, list(sessions))


def current_sessions(page, material_change_percent, text=None):
    """Sessions that tested words close enough to the page's (latest revision's) words."""
    text = page_text(page) if text is None else text
    sessions = page.focus_group_sessions.prefetch_related("task_results") if page.pk else []
    return [s for s in sessions if not is_material_change(s.content_text, text, material_change_percent)]


def evaluate_page(page, thresholds):
    """The rule on the page as given, with thresholds from GovernanceSettings.focus_group_thresholds()."""
    return evaluate(current_sessions(page, thresholds.material_change_percent), thresholds)
