"""A remote test's answers, counted by the focus-group gate of "Customer-tested publishing".

Each test keeps one governance FocusGroupSession, rewritten whenever an answer arrives, so the gate needs no
change: the session's words are the tested revision's (set here, so the session does not take the page's latest
words), and saving it runs FocusGroupTask.advance, which passes the page's focus-group task if the sessions on
its current words now meet the thresholds. A later draft whose words changed by more than the material-change
percentage does not count the test, as for any session.
"""

from django.db import transaction
from django.utils import timezone

from governance.models import FocusGroupSession, FocusGroupTaskResult

from .models import RemoteTest
from .results import results_of


def findings(test, results):
    return (
        f"Remote test “{test.name}” with the resident testing panel (rewritten as answers arrive). "
        + results.summary()
    )


@transaction.atomic
def record_session(test):
    """Create or update the test's session from its answers; none while nobody has answered (a session needs
    at least one participant). Returns the session."""
    # Only the test row is locked: PostgreSQL cannot lock the nullable side of the join to its session.
    test = RemoteTest.objects.select_for_update(of=("self",)).select_related("session").get(pk=test.pk)
    results = results_of(test)
    if not results.participants:
        return None
    session = test.session or FocusGroupSession(page_id=test.page_id, recorded_by=test.created_by)
    session.page_id = test.page_id
    session.date = timezone.localdate()
    session.participants = results.participants
    session.ease_rating = results.ease
    session.content_text = test.content_text
    session.findings = findings(test, results)
    session.task_results = [
        FocusGroupTaskResult(task=result.task, completed_without_help=result.managed, sort_order=order)
        for order, result in enumerate(results.tasks)
        if result.answered
    ]
    session.save()  # saves the task results too, then lets the focus-group task advance
    if test.session_id != session.pk:
        test.session = session
        test.save(update_fields=["session"])
    return session
