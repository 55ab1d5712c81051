"""What the two outboxes (emails in casework.notifications, texts in casework.texts) share: queueing a row's
delivery task, one try at sending a row, and the back-off between tries. (Links in them are on their council's own
site: sitewide.councils.public_url.)

A row (Notification, TextMessage) has state (its model's State: pending, sent, failed), attempts, last_error and
sent_at. It is written before anything is sent, so a failing mail server or text provider never loses it."""
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue_delivery(deliver, outbox_id, run_after=None):
    """Queue the task `deliver` for one outbox row (an email or a text), after `run_after`."""
    try:
        if run_after is not None:
            if not deliver.get_backend().supports_defer:
                return  # send_pending_emails picks it up
            deliver = deliver.using(run_after=run_after)
        deliver.enqueue(outbox_id)
    except Exception:  # the queue itself is down: the row is still pending for send_pending_emails
        logger.exception("Could not queue %s for %s", deliver.name, outbox_id)


def retry_delay(attempts):
    """How long the worker waits before the next try: CASEWORK_EMAIL_RETRY_SECONDS, doubled per failure."""
    return timedelta(seconds=settings.CASEWORK_EMAIL_RETRY_SECONDS * 2 ** (attempts - 1))


def deliver_pending(model, row_id, attempt):
    """The delivery task's body: one try at the row, if it is still waiting to be sent."""
    row = model.objects.filter(pk=row_id, state=model.State.PENDING).first()
    return "nothing to send" if row is None else attempt(row)


def attempt_delivery(row, send, deliver, saved=()):
    """One try: `send(row)` sends it (and may set the fields named in `saved`). A failure is recorded on the row and
    retried by the task `deliver` after the back-off, until CASEWORK_EMAIL_MAX_ATTEMPTS tries. "sent" or "failed"."""
    row.attempts += 1
    try:
        send(row)
    except Exception as error:
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        if row.attempts >= settings.CASEWORK_EMAIL_MAX_ATTEMPTS:
            row.state = row.State.FAILED
        row.save(update_fields=["attempts", "last_error", "state"])
        logger.warning("%s %s failed (attempt %s): %s", type(row).__name__, row.pk, row.attempts, error)
        if row.state == row.State.PENDING:
            enqueue_delivery(deliver, row.pk, run_after=timezone.now() + retry_delay(row.attempts))
        return "failed"
    row.state = row.State.SENT
    row.sent_at = timezone.now()
    row.last_error = ""
    row.save(update_fields=["attempts", "state", "sent_at", "last_error", *saved])
    return "sent"


def send_pending(model, attempt):
    """Try every row still waiting (`manage.py send_pending_emails`): {"sent": n, "failed": n}."""
    counts = {"sent": 0, "failed": 0}
    for row in model.objects.filter(state=model.State.PENDING):
        counts[attempt(row)] += 1
    return counts
