from governance.models import FocusGroupSession, FocusGroupTaskResult


def record_session(page, participants, completed, ease=4.5, task="Find how to pay", user=None, **kwargs):
    """A focus-group session with one task, saved as the admin form saves it (with its task results)."""
    session = FocusGroupSession(page=page, participants=participants, ease_rating=ease, recorded_by=user, **kwargs)
    session.task_results = [FocusGroupTaskResult(task=task, completed_without_help=completed, average_seconds=60)]
    session.save()
    return session
