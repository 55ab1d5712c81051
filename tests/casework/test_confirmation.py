"""The confirmation page and email say one thing about payment and give one timescale, the page's (issue 20).

What the payment flow does: a pay form's request is saved as "waiting for payment" and the resident goes to the
payment provider; only when the provider says the money was taken is it marked paid, and only then are the
confirmation email and the team's email sent and the confirmation page shown."""
import re

import pytest
from django.core import mail
from django.utils.html import strip_tags

from casework.models import Submission
from cms_pages.models import TaskFormPage, TaskPage
from tests.conftest import westmere

from .conftest import form_at, send, valid_answers

pytestmark = pytest.mark.django_db

GARDEN_WASTE = "/bins-and-recycling/garden-waste/"
TIMESCALE = re.compile(r"\b\d+(?: to \d+)? (?:working )?(?:days?|weeks?|months?)\b")
PAYMENT_STATE = re.compile(
    r"payment has been received|payment is complete|you have paid|not paid|not your payment|payment was not taken"
    r"|we cannot start it until you pay",
    re.IGNORECASE,
)


def main_text(html):
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return " ".join(strip_tags(main).split())


def garden_waste_answers(form_page, bins="2 bins", council_tax_support=True):
    answers = valid_answers(form_page)
    for field in form_page.get_form_fields():
        if field.label.startswith("How many brown bins"):
            answers[field.clean_name] = bins
        elif "Council Tax Support" in field.label:
            answers[field.clean_name] = "Yes" if council_tax_support else "No"
    return answers


def pay_for_garden_waste(client):
    form_page = form_at(GARDEN_WASTE)
    response = send(client, form_page, garden_waste_answers(form_page))
    back = client.post(response["Location"], {"action": "pay"})
    confirmation = client.get(client.get(back["Location"])["Location"])
    return Submission.objects.get(), main_text(confirmation.content.decode())


def how_long_it_takes(path):
    return TaskPage.objects.get(**westmere(path.strip("/").split("/")[-1] + "/")).time_taken


def test_a_paid_confirmation_says_once_that_it_is_paid_and_gives_the_page_s_one_timescale(site_client):
    submission, text = pay_for_garden_waste(site_client)
    assert submission.payment_status == "paid" and submission.amount_pence == 8000
    assert [m.group(0).lower() for m in PAYMENT_STATE.finditer(text)] == ["you have paid"]
    assert "You have paid £80." in text
    timescales = set(TIMESCALE.findall(text))
    assert timescales == {"10 working days"}, text
    assert "10 working days" in how_long_it_takes(GARDEN_WASTE)


def test_the_confirmation_email_says_the_same_as_the_page(site_client):
    submission, text = pay_for_garden_waste(site_client)
    [email] = [m for m in mail.outbox if m.to == ["resident@example.com"]]
    assert submission.reference in email.body
    assert [m.group(0).lower() for m in PAYMENT_STATE.finditer(email.body)] == ["you have paid"]
    assert "You have paid £80." in email.body
    assert set(TIMESCALE.findall(email.body)) == set(TIMESCALE.findall(text)) == {"10 working days"}
    assert submission.service_standard in email.body and submission.service_standard in text


def test_a_request_not_yet_paid_is_never_shown_as_sent(site_client):
    """Going to the confirmation page before paying: no green panel, no email promised, a way to pay."""
    form_page = form_at(GARDEN_WASTE)
    send(site_client, form_page, garden_waste_answers(form_page))
    response = site_client.get(form_page.url + "confirmation/", follow=True)
    html = response.content.decode()
    text = main_text(html)
    assert Submission.objects.get().payment_status == "pending"
    assert not [m for m in mail.outbox if m.to == ["resident@example.com"]]
    assert "govuk-panel--confirmation" not in html and "Request sent" not in text
    assert "confirmation email" not in text and "10 working days" not in text
    assert "You have not paid yet" in text and "£80" in text
    assert 'class="govuk-button"' in html and "Pay £80" in text


def test_a_request_with_nothing_to_pay_says_nothing_about_payment(site_client, missed_bin_form):
    response = send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    text = main_text(site_client.get(response["Location"]).content.decode())
    assert not PAYMENT_STATE.search(text) and "£" not in text
    assert set(TIMESCALE.findall(text)) == {"2 working days"}
    assert "2 working days" in how_long_it_takes("/bins-and-recycling/report-a-missed-bin/")


def test_every_form_gives_one_source_of_timescales_and_it_agrees_with_its_page():
    """The timescale is the form's service standard ("What happens next"); the thank-you text under it gives
    none of its own, and every timescale it gives is the one the task page states in How long it takes."""
    disagreeing = []
    for form_page in TaskFormPage.objects.all():
        task = form_page.get_parent().specific
        if TIMESCALE.search(form_page.thank_you_text):
            disagreeing.append(f"{task.title}: the thank-you text gives a timescale of its own")
        for timescale in TIMESCALE.findall(form_page.service_standard):
            if timescale not in task.time_taken:
                disagreeing.append(f"{task.title}: {timescale!r} is not in {task.time_taken!r}")
    assert not disagreeing, "\n".join(disagreeing)


def test_no_confirmation_text_speaks_of_payment_the_page_states_itself():
    """Whether it is paid is said by the confirmation page from the request's real payment state."""
    speaking = [form_page.get_parent().title for form_page in TaskFormPage.objects.all()
                if re.search(r"\bpayment\b|\bpaid\b", form_page.thank_you_text + form_page.service_standard, re.I)]
    assert not speaking
