"""Staff move a request on: the one place a status changes, is recorded in the history and sent to the resident."""
from django.db import transaction

from . import texts
from .models import ContactBy, Status, StatusChange, Submission
from .notifications import send_status_email


def change_status(submission, user, status, note):
    """Set the status and the note for the resident. If either changed: save, add a history entry by `user`,
    then (after the save is committed) tell the resident, unless the request was anonymised.
    Returns True when something changed."""
    saved = Submission.objects.filter(pk=submission.pk).values_list("status", "status_note").first()
    submission.status, submission.status_note = status, note
    if saved == (status, note):
        return False
    with transaction.atomic():
        submission.save(update_fields=["status", "status_note", "updated_at"])
        StatusChange.objects.create(submission=submission, status=status, note=note, changed_by=user)
    if not submission.anonymised_at:
        send_status_update(submission)
    if submission.parent_id and not submission.is_open:
        close_when_every_part_is(submission.parent, user)
    return True


def close_when_every_part_is(parent, user):
    """A request told to several services (casework.intake.parts) is done when each service's part is done or
    closed: recorded in its history, with nothing more sent (each part's own update told the resident)."""
    if parent.is_open and not parent.parts.exclude(status__in=[Status.DONE, Status.CLOSED]).exists():
        with transaction.atomic():
            parent.status = Status.DONE
            parent.save(update_fields=["status", "updated_at"])
            StatusChange.objects.create(
                submission=parent, status=Status.DONE, note="Every team has dealt with its part.", changed_by=user
            )


def send_status_update(submission):
    """By email, text or both, as the resident chose. Someone who chose texts but gave no mobile number on the
    request is emailed instead, so nobody is left without updates."""
    by_text = texts.wants_texts(submission)
    by_email = ContactBy.by_email(submission.contact_by) or not by_text
    if by_email and submission.email:
        send_status_email(submission)
    if by_text:
        texts.send_status_text(submission)
