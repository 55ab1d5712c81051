"""End to end: a resident sends a form while the mail server is down; the real tasks worker delivers the
email once the server is back, and nothing is sent twice.

Everything is real: Django's SMTP email backend, an SMTP server (aiosmtpd, started in a thread on a port
where nothing listened before), and the queue production uses (TASKS_BACKEND=database: django-tasks-db's
`db_worker`, run here in the test's process with `--batch` so it stops when nothing is due). The worker
commits its own transactions, so the test is transactional and loads the demo council if an earlier
transactional test emptied the database.
"""
import email
import os
import signal
import socket
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from casework.models import Notification, Submission
from casework.notifications import attempt_delivery, queue_email
from tests.conftest import reload_demo_council

from .conftest import form_at, send, valid_answers

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as TASKS_BACKEND=database sets
RESIDENT = "resident@example.com"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message the SMTP server accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]


def run_worker():
    """The production worker command (deploy/entrypoints/worker.sh), until no task is due."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload",
            verbosity=0, stdout=open(os.devnull, "w"),
        )
    finally:  # the worker installs its own shutdown handlers; give pytest its own back
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def wait_until_due(count, timeout=10.0):
    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.ready().count() < count:
        due = list(retries().values_list("run_after", flat=True))
        assert time.monotonic() < deadline, f"no retry was due within {timeout} s: retries at {due}"
        time.sleep(0.1)


def retries():
    return DBTaskResult.objects.filter(run_after__lt=get_date_max()).order_by("-run_after")


@pytest.fixture
def demo_council(transactional_db):
    reload_demo_council()


@pytest.mark.django_db(transaction=True)
def test_a_form_sent_while_smtp_is_down_is_delivered_once_by_the_worker(site_client, demo_council):
    port = free_port()  # nothing listens here until the SMTP server starts below
    form = form_at("/bins-and-recycling/report-a-missed-bin/")
    smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": port, "EMAIL_USE_TLS": False, "EMAIL_TIMEOUT": 5}
    with override_settings(TASKS=DATABASE_TASKS, CASEWORK_EMAIL_RETRY_SECONDS=1, **smtp):
        response = send(site_client, form, valid_answers(form, email=RESIDENT))
        assert response.status_code == 302
        submission = Submission.objects.get()
        assert submission.reference in site_client.get(response["Location"]).content.decode()

        run_worker()  # the mail server is down: both emails (resident, team) fail and are queued again
        pending = Notification.objects.filter(submission=submission)
        assert pending.count() == 2
        for notification in pending:
            assert notification.state == Notification.State.PENDING and notification.attempts == 1
            assert "ConnectionRefusedError" in notification.last_error
        assert DBTaskResult.objects.ready().count() == 0  # the retries wait for their back-off

        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            wait_until_due(2)
            run_worker()
            for_resident = inbox.to(RESIDENT)
            assert len(for_resident) == 1
            message = for_resident[0]
            assert submission.reference in message["Subject"]
            assert submission.reference in message.get_payload(decode=True).decode()
            assert len(inbox.messages) == 2  # and one to the team
            assert set(Notification.objects.values_list("state", "attempts")) == {(Notification.State.SENT, 2)}

            # Nothing twice: neither the worker nor the cron command finds anything left to send
            run_worker()
            call_command("send_pending_emails", stdout=open(os.devnull, "w"))
            assert len(inbox.messages) == 2
            assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
        finally:
            controller.stop()


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="tests.casework.failing_email.FailingEmailBackend", TASKS=DATABASE_TASKS,
                   CASEWORK_EMAIL_RETRY_SECONDS=7)
def test_the_retry_back_off_is_a_setting_that_doubles_after_each_failure():
    notification = queue_email(RESIDENT, "Your request", "We have it.")
    for attempts, seconds in [(1, 7), (2, 14), (3, 28)]:
        before = timezone.now()
        attempt_delivery(notification)
        after = timezone.now()
        retry = retries().first()
        assert notification.attempts == attempts
        assert before + timedelta(seconds=seconds) <= retry.run_after <= after + timedelta(seconds=seconds)
