"""Text messages about requests: sent as the resident chose, one text each with nothing personal in it, from an
outbox that retries, through the demo provider or GOV.UK Notify (a local stand-in that speaks its API)."""
import time
from io import StringIO

import jwt
import pytest
import requests
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from casework.intake.definition import FormDefinition
from casework.models import ContactBy, Status, Submission, TextMessage
from casework.notifications import send_request_emails
from casework.retention import anonymise
from casework.status import change_status
from casework.text_length import segments, text_fits_one_message
from casework.texts import (
    NotifyTextProvider,
    attempt_delivery,
    is_mobile,
    queue_text,
    received_text,
    status_text,
)
from sitewide.councils import council_for_page

from .notify_stand_in import NotifyStandIn, new_api_key

pytestmark = pytest.mark.django_db
MOBILE = "07700900123"  # Ofcom's drama range
LANDLINE = "01632960001"
NOTIFY = "casework.texts.NotifyTextProvider"


@pytest.fixture
def make_request(missed_bin_form):
    def make(contact_by=ContactBy.EMAIL, phone=MOBILE, email="resident@example.com"):
        return Submission.objects.create(
            page=missed_bin_form, form_data={}, task_title="Report a missed bin", email=email, phone=phone,
            contact_by=contact_by, answers=[["Your name", "Jo Bloggs"], ["Address", "12 Riverside Road"]],
        )

    return make


def emails_to_resident():
    return [m for m in mail.outbox if m.to == ["resident@example.com"]]


# Sent as the resident chose ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("contact_by, phone, emailed, texted", [
    (ContactBy.EMAIL, MOBILE, True, False),
    (ContactBy.TEXT, MOBILE, False, True),
    (ContactBy.BOTH, MOBILE, True, True),
    (ContactBy.TEXT, LANDLINE, True, False),  # no mobile to text: emailed, so they still hear
    (ContactBy.TEXT, "", True, False),
    (ContactBy.BOTH, LANDLINE, True, False),
])
def test_a_status_change_goes_by_email_text_or_both_as_the_resident_chose(
    make_request, contact_by, phone, emailed, texted
):
    submission = make_request(contact_by, phone)
    assert change_status(submission, None, Status.IN_PROGRESS, "A crew will come back tomorrow.")
    assert len(emails_to_resident()) == (1 if emailed else 0)
    assert TextMessage.objects.filter(submission=submission).count() == (1 if texted else 0)


def test_an_anonymised_request_gets_neither_email_nor_text(make_request):
    submission = make_request(ContactBy.BOTH)
    submission.anonymised_at = submission.submit_time
    submission.save()
    assert change_status(submission, None, Status.DONE, "")
    assert not emails_to_resident() and not TextMessage.objects.exists()


@pytest.mark.parametrize("contact_by, phone, texted", [
    (ContactBy.TEXT, MOBILE, True), (ContactBy.BOTH, MOBILE, True), (ContactBy.EMAIL, MOBILE, False),
    (ContactBy.TEXT, LANDLINE, False),
])
def test_a_new_request_is_confirmed_by_email_always_and_by_text_when_chosen(make_request, contact_by, phone, texted):
    submission = make_request(contact_by, phone)
    send_request_emails(submission, FormDefinition())
    assert len(emails_to_resident()) == 1  # the confirmation email is the resident's receipt
    texts = list(TextMessage.objects.filter(submission=submission))
    assert len(texts) == (1 if texted else 0)
    if texted:
        assert texts[0].body == received_text(submission) and submission.reference in texts[0].body


@pytest.mark.parametrize("phone, mobile", [
    ("07700 900123", True), ("+44 7700 900123", True), ("(07700) 900-123", True),
    ("01632 960001", False), ("0800 123 4567", False), ("0770090012", False), ("", False), ("not a number", False),
])
def test_only_uk_mobile_numbers_get_texts(phone, mobile):
    assert is_mobile(phone) is mobile


def test_a_status_change_puts_a_text_in_the_outbox_and_the_demo_provider_marks_it_sent(make_request):
    submission = make_request(ContactBy.TEXT, phone="07700900123")
    change_status(submission, None, Status.IN_PROGRESS, "A crew will come back tomorrow.")
    text = TextMessage.objects.get(submission=submission)
    assert (text.to_phone, text.state, text.attempts) == ("07700900123", "sent", 1)
    assert text.provider_id == f"demo-{text.pk}" and text.sent_at is not None
    assert text.body == (
        f"Westmere District Council: your request {submission.reference} is now In progress. "
        "Track it at http://localhost:8000/track/"
    )


def test_anonymising_a_request_removes_its_texts(make_request):
    submission = make_request(ContactBy.TEXT)
    change_status(submission, None, Status.IN_PROGRESS, "")
    assert anonymise(Submission.objects.filter(pk=submission.pk)) == 1
    assert not TextMessage.objects.filter(to_phone=MOBILE).exists()


# One text each, nothing personal -----------------------------------------------------------------------------------


def test_gsm_text_fits_160_characters_and_any_other_character_brings_it_to_70():
    assert text_fits_one_message("a" * 160) and segments("a" * 161) == 2
    assert segments("a" * 306) == 2 and segments("a" * 307) == 3  # parts of 153
    assert text_fits_one_message("é£ÄΩ" * 40)  # GSM has these
    assert text_fits_one_message("ŵ" * 70) and segments("ŵ" * 71) == 2  # Welsh ŵ is not GSM
    assert not text_fits_one_message("a" * 69 + "’" + "a")  # a curly apostrophe in 71 characters
    assert text_fits_one_message("😀" * 35) and not text_fits_one_message("😀" * 36)  # two UTF-16 units each


@pytest.mark.parametrize("char", list("^{}\\[~]|€"))
def test_gsm_extension_characters_count_two(char):
    assert text_fits_one_message(char * 80)
    assert not text_fits_one_message(char * 81)
    assert not text_fits_one_message("a" * 159 + char)


@pytest.mark.parametrize("status", list(Status))
def test_every_status_text_fits_one_message_with_the_tracking_address(make_request, status):
    submission = make_request()
    submission.status = status
    text = status_text(submission)
    assert text_fits_one_message(text) and text.endswith("/track/")
    assert f"is now {submission.status_label}." in text


def test_a_long_site_address_is_left_out_rather_than_send_two_texts(make_request):
    submission = make_request()
    submission.status = Status.WAITING
    with override_settings(SITE_BASE_URL="https://www.westmere-district-council.example.org/" + "x" * 60):
        text = status_text(submission)
        received = received_text(submission)
    assert text == f"Westmere District Council: your request {submission.reference} is now Waiting for you."
    assert received == f"Westmere District Council: we have your request {submission.reference}."


def named(submission, name):
    """The council of the request's site, renamed (its settings, which the texts read)."""
    council = council_for_page(submission.page)
    council.name = name
    council.save()


def test_a_non_gsm_character_in_the_council_name_shortens_the_text_to_70(make_request):
    submission = make_request()
    submission.status = Status.IN_PROGRESS
    named(submission, "Cyngor Sir Ynys Môn")  # ô is not in the GSM alphabet
    text = status_text(submission)
    assert text == f"Cyngor Sir Ynys Môn: your request {submission.reference} is now In progress."
    assert len(text) <= 70 and text_fits_one_message(text)


def test_a_council_name_too_long_for_one_text_is_left_out_too(make_request):
    submission = make_request()
    # A name's field holds 100 characters, so it is too long for one text only when it is not all GSM (70 then).
    named(submission, "Cyngor Bwrdeistref Sirol Ynys Môn a Chyngor Sir y Fflint")
    text = status_text(submission)
    assert text == f"Your request {submission.reference} is now Received."


def test_a_text_says_nothing_personal(make_request):
    submission = make_request(ContactBy.BOTH)
    change_status(submission, None, Status.WAITING, "Please leave the gate at 12 Riverside Road open, Jo.")
    send_request_emails(submission, FormDefinition())
    bodies = list(TextMessage.objects.values_list("body", flat=True))
    assert len(bodies) == 2
    for body in bodies:
        assert submission.reference in body
        for personal in ("Jo", "Riverside", "gate", "resident@example.com", "07700", "missed bin"):
            assert personal.lower() not in body.lower()


# GOV.UK Notify (a local stand-in that speaks its API) ----------------------------------------------------------------


@pytest.fixture
def notify():
    stand_in = NotifyStandIn().start()
    with override_settings(CASEWORK_TEXT_PROVIDER=NOTIFY, NOTIFY_API_KEY=stand_in.api_key,
                           NOTIFY_SMS_TEMPLATE_ID=stand_in.template_id, NOTIFY_BASE_URL=stand_in.base_url):
        yield stand_in
    stand_in.stop()


def test_notify_sends_the_text_and_its_id_is_kept(notify, make_request):
    submission = make_request(ContactBy.TEXT)
    change_status(submission, None, Status.IN_PROGRESS, "")
    text = TextMessage.objects.get(submission=submission)
    [sent] = notify.accepted
    assert sent.body == {
        "phone_number": MOBILE, "template_id": notify.template_id, "personalisation": {"message": text.body},
        "reference": str(text.pk),
    }
    assert sent.answer["content"]["body"] == text.body
    assert (text.state, text.provider_id, text.last_error) == ("sent", sent.answer["id"], "")


def test_a_notify_outage_leaves_the_text_pending_and_it_is_sent_later(notify, make_request):
    notify.fail_next = 1
    submission = make_request(ContactBy.TEXT)
    change_status(submission, None, Status.IN_PROGRESS, "")
    text = TextMessage.objects.get(submission=submission)
    assert (text.state, text.attempts, text.provider_id) == ("pending", 1, "")
    assert "500" in text.last_error and "Internal server error" in text.last_error
    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert "Texts: sent 1, still failing 0." in out.getvalue()
    text.refresh_from_db()
    assert (text.state, text.attempts, text.last_error) == ("sent", 2, "")
    assert text.provider_id == notify.accepted[0].answer["id"] and len(notify.accepted) == 1


@override_settings(CASEWORK_EMAIL_MAX_ATTEMPTS=2)
def test_a_number_notify_refuses_is_retried_then_given_up(notify):
    text = queue_text(LANDLINE, "Your request WM-7K3P-9Q is now Done.")
    text.refresh_from_db()
    assert (text.state, text.attempts) == ("pending", 1)
    assert "400" in text.last_error and "phone_number Not a UK mobile number" in text.last_error
    attempt_delivery(text)
    text.refresh_from_db()
    assert (text.state, text.attempts) == ("failed", 2)
    assert not notify.accepted and len(notify.received) == 2


@pytest.mark.parametrize("wrong_key, refusal", [
    (lambda stand_in: new_api_key(), "Invalid token: service not found"),  # another service's key
    (lambda stand_in: stand_in.api_key[:-36] + new_api_key()[-36:], "Invalid token: API key not found"),  # old secret
])
def test_a_wrong_api_key_is_refused(notify, wrong_key, refusal):
    with override_settings(NOTIFY_API_KEY=wrong_key(notify)):
        text = queue_text(MOBILE, "Your request WM-7K3P-9Q is now Done.")
    text.refresh_from_db()
    assert (text.state, text.provider_id) == ("pending", "")
    assert "403" in text.last_error and refusal in text.last_error
    assert [r.status for r in notify.received] == [403] and not notify.accepted


def test_the_stand_in_refuses_a_token_older_than_30_seconds_as_notify_does(notify):
    def post(issued_at):
        token = jwt.encode({"iss": notify.service_id, "iat": issued_at}, notify.secret, algorithm="HS256")
        body = {"phone_number": MOBILE, "template_id": notify.template_id, "personalisation": {"message": "Hi"}}
        return requests.post(f"{notify.base_url}/v2/notifications/sms", json=body, timeout=5,
                             headers={"Authorization": f"Bearer {token}"})

    stale = post(int(time.time()) - 60)
    assert stale.status_code == 403
    assert stale.json() == {"status_code": 403, "errors": [
        {"error": "AuthError", "message": "Error: Your system clock must be accurate to within 30 seconds"}]}
    assert post(int(time.time())).status_code == 201


def test_notify_without_its_settings_says_so_and_keeps_the_text(notify):
    with override_settings(NOTIFY_SMS_TEMPLATE_ID=""):
        with pytest.raises(ImproperlyConfigured):
            NotifyTextProvider()
        text = queue_text(MOBILE, "Your request WM-7K3P-9Q is now Done.")
    text.refresh_from_db()
    assert text.state == "pending" and "NOTIFY_SMS_TEMPLATE_ID" in text.last_error
    assert not notify.received
