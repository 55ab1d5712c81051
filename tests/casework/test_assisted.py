"""Issue 23, assisted digital: customer service fill in any online form for a caller or visitor, through the same
intake as the public form (its checks, reference, tracking and emails), recording how the resident asked and who
took it; a payment is taken by card by staff; a chat handed to a person becomes a request carrying its words."""
import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from assistant.models import ChatMessage, HandoffRequest
from casework.models import Channel, Payment, PaymentStatus, Submission

from .conftest import form_at, valid_answers
from .test_request_scope import WASTE_TEAM, staff

pytestmark = pytest.mark.django_db

NEW = "/admin/new-request/"
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"
GARDEN_WASTE = "/bins-and-recycling/garden-waste/"


@pytest.fixture
def customer_service(client):
    client.defaults["HTTP_HOST"] = "localhost"
    member = staff("cass", "Customer service")
    member.first_name, member.last_name = "Cass", "Adviser"
    member.save()
    client.force_login(member)
    client.member = member
    return client


def take(client, page, answers, channel=Channel.PHONE, query=""):
    response = client.post(f"{NEW}{page.pk}/{query}", {**answers, "channel": channel})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_staff_fill_in_a_form_for_a_caller_with_its_own_checks_and_the_resident_can_track_it(customer_service):
    page = form_at(MISSED_BIN)
    listing = customer_service.get(NEW).content.decode()
    assert f'href="{NEW}{page.pk}/"' in listing and page.title in listing
    answers = valid_answers(page, email="caller@example.org")
    postcode = next(field.clean_name for field in page.get_form_fields() if field.validation == "postcode")

    wrong = customer_service.post(f"{NEW}{page.pk}/", {**answers, postcode: "not a postcode", "channel": "phone"})

    assert wrong.status_code == 200 and "Enter a real postcode, like WM1 1AA" in wrong.content.decode()
    assert "not a postcode" in wrong.content.decode()  # kept as typed
    assert not Submission.objects.exists()

    take(customer_service, page, answers)
    check = customer_service.get(f"{NEW}{page.pk}/check/").content.decode()
    assert "Phone" in check and "WM1 1AA" in check
    sent = customer_service.post(f"{NEW}{page.pk}/check/")

    submission = Submission.objects.get()
    assert sent["Location"] == f"{NEW}sent/{submission.reference}/"
    assert (submission.channel, submission.taken_by, submission.email) == (
        Channel.PHONE, customer_service.member, "caller@example.org")
    assert submission.page_id == page.pk and submission.user is None
    assert "caller@example.org" in [message.to[0] for message in mail.outbox]
    assert submission.reference in customer_service.get(sent["Location"]).content.decode()
    tracked = customer_service.post("/track/", {"reference": submission.reference, "email": "caller@example.org"})
    assert page.task.title in tracked.content.decode() or submission.task_title in tracked.content.decode()
    detail = customer_service.get(f"/admin/requests/edit/{submission.pk}/").content.decode()
    assert "Phone, taken by Cass Adviser" in detail


def test_a_priced_form_is_paid_by_card_to_staff_before_it_is_sent(customer_service):
    page = form_at(GARDEN_WASTE)
    take(customer_service, page, valid_answers(page, email="caller@example.org"), channel=Channel.FACE_TO_FACE)
    check_url = f"{NEW}{page.pk}/check/"
    assert "Payment: £" in customer_service.get(check_url).content.decode()

    unpaid = customer_service.post(check_url, {"receipt": ""})
    assert unpaid.status_code == 200 and "Enter the card payment" in unpaid.content.decode()
    assert not Submission.objects.exists()

    customer_service.post(check_url, {"receipt": "T-000123"})

    submission = Submission.objects.get()
    payment = Payment.objects.get(submission=submission)
    assert (submission.payment_status, submission.channel) == (PaymentStatus.PAID, Channel.FACE_TO_FACE)
    assert (payment.provider, payment.provider_id, payment.state) == ("staff", "T-000123", Payment.State.SUCCESS)
    assert payment.amount_pence == submission.amount_pence > 0
    assert "caller@example.org" in [message.to[0] for message in mail.outbox]


def test_a_chat_handed_to_a_person_becomes_a_request_with_what_the_resident_said(customer_service):
    handoff = HandoffRequest.objects.create(sender_id="web-1", topic="report_missed_bin", transcript=[
        {"sender": "user", "text": "the bin men missed my road again"},
        {"sender": "bot", "text": "Sorry about that. You can report a missed bin."},
    ])
    ChatMessage.objects.create(handoff=handoff, sender=ChatMessage.Sender.RESIDENT, text="it was the brown one")
    page = form_at(MISSED_BIN)
    query = f"?handoff={handoff.reference}"
    assert f"{NEW}{page.pk}/{query}" in customer_service.get(f"{NEW}{query}").content.decode()

    form = customer_service.get(f"{NEW}{page.pk}/{query}").content.decode()
    assert "the bin men missed my road again\nit was the brown one" in form  # the long answer, not retyped
    assert 'value="web_chat" selected' in form
    details = next(f.clean_name for f in page.get_form_fields() if f.field_type == "multiline")
    answers = {**valid_answers(page), details: "the bin men missed my road again\nit was the brown one"}
    take(customer_service, page, answers, channel=Channel.WEB_CHAT, query=query)
    customer_service.post(f"{NEW}{page.pk}/check/{query}")

    submission = Submission.objects.get()
    assert (submission.handoff, submission.channel) == (handoff, Channel.WEB_CHAT)
    assert submission.chat_transcript == [
        ["Resident", "the bin men missed my road again"],
        ["Assistant", "Sorry about that. You can report a missed bin."],
        ["Resident", "it was the brown one"],
    ]
    chat = customer_service.get(f"/admin/live-chat/{handoff.reference}/").content.decode()
    assert submission.reference in chat


def test_only_staff_who_take_requests_fill_forms_in_and_only_for_their_services(client):
    client.defaults["HTTP_HOST"] = "localhost"
    client.force_login(staff("ed", "Editors"))
    for url in (NEW, f"{NEW}{form_at(MISSED_BIN).pk}/"):
        refused = client.get(url)  # the admin's way: back to the dashboard, with "you do not have permission"
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert "New request for a resident" not in client.get("/admin/").content.decode()

    caseworker = staff("wendy", WASTE_TEAM)
    caseworker.user_permissions.add(Permission.objects.get(codename="add_submission"))
    client.force_login(caseworker)
    council_tax = form_at("/council-tax/pay/")
    assert client.get(f"{NEW}{form_at(MISSED_BIN).pk}/").status_code == 200
    assert client.get(f"{NEW}{council_tax.pk}/").status_code == 404  # not a service of theirs
    assert council_tax.title not in client.get(NEW).content.decode()
