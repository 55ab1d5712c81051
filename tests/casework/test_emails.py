"""Emails go through the task queue from an outbox: a failing mail server never loses a request."""
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from casework.models import Notification, Submission
from casework.status import change_status

from .conftest import send, valid_answers

pytestmark = pytest.mark.django_db
FAILING = "tests.casework.failing_email.FailingEmailBackend"


def test_a_failing_email_backend_loses_nothing_and_the_email_is_retried(site_client, missed_bin_form):
    with override_settings(EMAIL_BACKEND=FAILING):
        response = send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    assert response.status_code == 302  # the resident still gets their confirmation page
    submission = Submission.objects.get()
    assert submission.reference in site_client.get(response["Location"]).content.decode()
    pending = Notification.objects.filter(state="pending")
    assert pending.count() == 2  # to the resident and to the team
    assert all(n.attempts == 1 and "SMTP server is down" in n.last_error for n in pending)
    assert not mail.outbox
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))
    assert Notification.objects.filter(state="sent").count() == 2
    assert any(submission.reference in m.body for m in mail.outbox if m.to == ["resident@example.com"])


@override_settings(EMAIL_BACKEND=FAILING, CASEWORK_EMAIL_MAX_ATTEMPTS=2)
def test_an_email_that_keeps_failing_is_marked_for_staff_after_the_last_attempt(site_client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))
    assert set(Notification.objects.values_list("state", flat=True)) == {"failed"}
    assert Submission.objects.count() == 1


def test_a_status_change_emails_the_resident(site_client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    mail.outbox.clear()
    submission = Submission.objects.get()
    assert change_status(submission, None, "in_progress", "A crew will come back tomorrow.")
    assert [m.to for m in mail.outbox] == [["resident@example.com"]]
    assert "In progress" in mail.outbox[0].subject and "come back tomorrow" in mail.outbox[0].body
    assert not change_status(submission, None, "in_progress", "A crew will come back tomorrow.")  # no change
    assert len(mail.outbox) == 1 and submission.history.count() == 2
    submission.status_note = "Saved some other way"
    submission.save()  # saving a request never emails: only change_status() does
    assert len(mail.outbox) == 1 and submission.history.count() == 2
