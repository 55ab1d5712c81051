"""Pay tasks end at a clearly marked demo payment step behind a replaceable provider interface."""
import re

import pytest
from django.core import mail

from casework.models import Payment, Submission
from casework.payments import FakePaymentProvider, PaymentProvider, get_payment_provider

from .conftest import fill_in, form_at, send, valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def garden_waste_form():
    return form_at("/bins-and-recycling/garden-waste/")


def test_the_setting_picks_the_provider():
    assert isinstance(get_payment_provider(), FakePaymentProvider)
    assert issubclass(FakePaymentProvider, PaymentProvider)


def test_paying_confirms_the_request_and_only_then_sends_the_confirmation(site_client, garden_waste_form):
    fill_in(site_client, garden_waste_form, valid_answers(garden_waste_form))
    check = site_client.get(garden_waste_form.url + "check/").content.decode()
    # the first answers: 1 bin, and Yes to Council Tax Support (£40 a bin)
    assert "You need to pay <strong>£40</strong>" in check and "Continue to payment" in check
    response = site_client.post(garden_waste_form.url + "check/")
    submission = Submission.objects.get()  # saved before the payment
    assert submission.payment_status == "pending" and submission.amount_pence == 4000
    assert response["Location"].startswith("/pay/demo/")
    demo = site_client.get(response["Location"]).content.decode()
    assert "Demo payment page" in demo and "No money is taken" in demo
    assert not re.search(r"card number|security code|cvc|cvv|expiry", demo, re.IGNORECASE)
    assert not [m for m in mail.outbox if m.to == ["resident@example.com"]]
    back = site_client.post(response["Location"], {"action": "pay"})
    confirmation = site_client.get(site_client.get(back["Location"])["Location"]).content.decode()
    submission.refresh_from_db()
    assert submission.payment_status == "paid"
    assert submission.reference in confirmation and "You have paid £40." in confirmation
    assert [m for m in mail.outbox if m.to == ["resident@example.com"] and submission.reference in m.body]
    payment = Payment.objects.get()
    assert payment.state == "success" and payment.provider == "fake"
    assert not {f.name for f in Payment._meta.get_fields()} & {"card_number", "cvv", "expiry"}


def test_a_cancelled_payment_can_be_tried_again(site_client, garden_waste_form):
    response = send(site_client, garden_waste_form, valid_answers(garden_waste_form))
    back = site_client.post(response["Location"], {"action": "cancel"})
    failed = site_client.get(back["Location"])
    assert "Your payment was not taken" in failed.content.decode()
    retry_url = Payment.objects.get().return_url.replace("/return/", "/retry/")
    again = site_client.post(retry_url)
    assert again["Location"].startswith("/pay/demo/") and Payment.objects.count() == 2
    assert Submission.objects.get().payment_status == "pending"


def test_forms_for_tasks_that_are_not_pay_tasks_have_no_payment(site_client, missed_bin_form):
    response = send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    assert response["Location"].endswith("/confirmation/") and not Payment.objects.exists()
