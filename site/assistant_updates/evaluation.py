"""Whether a candidate model may go live, in plain words an editor can act on.

The gate (thresholds from settings):
- every chat page's own questions reach that page at least ASSISTANT_MIN_PAGE_RECALL of the time;
- the conversations in the test stories still go as written;
- intent macro F1 on questions it never saw is at least ASSISTANT_MIN_F1, and no more than
  ASSISTANT_MAX_F1_DROP below the live model's own score at its update. Training the same content twice gives
  the same score, but new content re-rolls the training (about 0.006 either way, bot/README.md "Reproducible
  training"): the allowed drop is wider than that noise, so a refusal means a real step down.
"""
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings


@dataclass
class PageRecall:
    key: str
    title: str
    recall: float
    questions: int
    confused_with: str = ""  # the key most of its missed questions went to
    confused_count: int = 0


@dataclass
class Verdict:
    reasons: list = field(default_factory=list)

    @property
    def passed(self):
        return not self.reasons


def predictions(report_dir):
    """[(expected intent, predicted intent)] from `rasa test nlu --successes` output."""
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = Path(report_dir) / name
        if path.exists():
            for item in json.loads(path.read_text(encoding="utf-8")):
                rows.append((item["intent"], (item.get("intent_prediction") or {}).get("name") or ""))
    return rows


def page_recalls(rows, titles):
    """Per chat page (titles: {key: title}), how often its own questions reached it, worst first."""
    results = []
    for key, title in titles.items():
        predicted = [p for expected, p in rows if expected == key]
        if not predicted:
            continue
        wrong = Counter(p for p in predicted if p != key)
        confused, count = wrong.most_common(1)[0] if wrong else ("", 0)
        recall = (len(predicted) - sum(wrong.values())) / len(predicted)
        results.append(PageRecall(key, title, recall, len(predicted), confused, count))
    return sorted(results, key=lambda page: (page.recall, page.key))


def check_pages(recalls, titles, verdict):
    minimum = settings.ASSISTANT_MIN_PAGE_RECALL
    for page in recalls:
        if page.recall < minimum:
            other = titles.get(page.confused_with) or page.confused_with.replace("_", " ") or "no page"
            verdict.reasons.append(
                f"“{page.title}”: only {page.recall:.0%} of its own questions reach it (at least {minimum:.0%} "
                f"needed); {page.confused_count} of {page.questions} went to “{other}”. Make its questions "
                f"more different from that page's, or merge the two pages."
            )


def check_stories(results, verdict):
    for stories, passed in results.items():
        if not passed:
            verdict.reasons.append(f"The test conversations in {stories} no longer go as written.")


def in_100(score):
    """A score from 0 to 1 as "how many in 100" (0.912 -> 91)."""
    return int(score * 100 + 1e-9)


def check_f1(f1, live_f1, verdict):
    """F1 (0 to 1) measures how well it understands questions it has not seen: said as "n in 100"."""
    minimum, drop = settings.ASSISTANT_MIN_F1, settings.ASSISTANT_MAX_F1_DROP
    if f1 < minimum:
        verdict.reasons.append(
            f"It understood about {in_100(f1)} in 100 questions it had not seen: it needs {in_100(minimum)}. "
            "Give the pages more questions, in residents' own words."
        )
    if live_f1 is not None and f1 < live_f1 - drop:
        verdict.reasons.append(
            f"It understood questions it had not seen less well than the assistant residents have now: about "
            f"{in_100(f1)} in 100 against {in_100(live_f1)} (at most {in_100(drop)} fewer allowed)."
        )
