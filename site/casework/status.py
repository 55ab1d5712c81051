"""Staff move a request on: the one place a status changes, is recorded in the history and emailed."""
from django.db import transaction

from .models import StatusChange, Submission
from .notifications import send_status_email


def change_status(submission, user, status, note):
    """Set the status and the note for the resident. If either changed: save, add a history entry by `user`,
    then (after the save is committed) email the resident, unless the request was anonymised or has no email.
    Returns True when something changed."""
    saved = Submission.objects.filter(pk=submission.pk).values_list("status", "status_note").first()
    submission.status, submission.status_note = status, note
    if saved == (status, note):
        return False
    with transaction.atomic():
        submission.save(update_fields=["status", "status_note", "updated_at"])
        StatusChange.objects.create(submission=submission, status=status, note=note, changed_by=user)
    if submission.email and not submission.anonymised_at:
        send_status_email(submission)
    return True
