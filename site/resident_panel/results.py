"""A remote test's results, without names: for each task how many managed it, how easy it was, what got in the way;
and across the test how many answered and their average ease."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import TaskAnswer

ONE_PLACE = Decimal("0.1")


def average(numbers):
    numbers = list(numbers)
    if not numbers:
        return None
    return (Decimal(sum(numbers)) / len(numbers)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass
class TaskResult:
    task: str
    answered: int = 0
    managed: int = 0
    eases: list = field(default_factory=list)
    comments: list = field(default_factory=list)

    @property
    def percent(self):
        return round(100 * self.managed / self.answered) if self.answered else None

    @property
    def ease(self):
        return average(self.eases)


@dataclass
class RemoteTestResults:
    participants: int
    ease: Decimal | None  # the average of each resident's average ease
    tasks: list

    def summary(self):
        if not self.participants:
            return "No answers yet."
        parts = [f"{r.task}: {r.managed} of {r.answered} managed it" for r in self.tasks]
        return f"{self.participants} residents answered online, average ease {self.ease}. " + "; ".join(parts) + "."


def results_of(test):
    by_task = {task.pk: TaskResult(task.task) for task in test.tasks.all()}
    by_resident = {}
    answers = TaskAnswer.objects.filter(response__invitation__test=test, task__in=by_task.keys())
    for answer in answers.order_by("response__created_at", "pk"):
        result = by_task[answer.task_id]
        result.answered += 1
        result.managed += answer.managed
        result.eases.append(answer.ease)
        if answer.in_the_way:
            result.comments.append(answer.in_the_way)
        by_resident.setdefault(answer.response_id, []).append(answer.ease)
    resident_eases = [Decimal(sum(eases)) / len(eases) for eases in by_resident.values()]
    return RemoteTestResults(len(by_resident), average(resident_eases), list(by_task.values()))
