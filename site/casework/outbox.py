"""What the two outboxes (emails in casework.notifications, texts in casework.texts) share: the site's address for
links, queueing a row's delivery task, and the back-off between tries."""
import logging
from datetime import timedelta

from django.conf import settings

logger = logging.getLogger(__name__)


def site_url(path=""):
    return settings.SITE_BASE_URL.rstrip("/") + path


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
