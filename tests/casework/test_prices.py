"""Prices come from one price table per service (issue 20): the task page's Cost, the form's choices and the
charge are all written from it, so what the page says is what residents are charged.

The charges are checked through the real question pages, Check your answers and the payment step, against
the prices the page itself states."""
import re
from decimal import Decimal

import pytest
from django import forms
from django.utils.html import strip_tags

from casework.models import Payment, Submission
from cms_pages.models import TaskFormPage, TaskPage
from tests.conftest import westmere

from .conftest import fill_in, form_at, valid_answers

pytestmark = pytest.mark.django_db

GARDEN_WASTE = "/bins-and-recycling/garden-waste/"
POUNDS = re.compile(r"£(\d[\d,]*(?:\.\d\d)?)")


def pounds(text):
    return [Decimal(amount.replace(",", "")) for amount in POUNDS.findall(text)]


def stated_cost(client, path):
    """The Cost the task page shows a resident, as plain text."""
    html = client.get(path).content.decode()
    cost = re.search(r'<dt class="govuk-summary-list__key">Cost</dt>\s*<dd[^>]*>(.*?)</dd>', html, re.S)
    assert cost, f"{path} states no cost"
    return " ".join(re.sub(r"<[^>]+>", " ", cost.group(1)).split())  # each line of a list is a line


def field_named(form_page, words):
    form_class = form_page.get_form_class()
    return next((name, field) for name, field in form_class.base_fields.items() if words in str(field.label))


def choice_starting(field, words):
    """The value of the answer whose label (as residents see it) starts with these words."""
    return next(value for value, label in field.choices if re.match(re.escape(words) + r"(?!\w)", str(label)))


def answer_yes_no(answers, form_page, words, yes):
    """Answer the question that asks about `words`: a Yes/No question, or (before issue 20) a lone tick box."""
    name, field = field_named(form_page, words)
    if isinstance(field, forms.BooleanField):
        if yes:
            answers[name] = "on"
        else:
            answers.pop(name, None)
    else:
        answers[name] = "Yes" if yes else "No"


def charge_through_the_form(client, form_page, answers):
    """Fill in every question page, read the amount on Check your answers, send, and read the payment page.
    Returns (amount on Check your answers, pence stored on the request, amount on the payment page)."""
    fill_in(client, form_page, answers)
    check = client.get(form_page.url + "check/").content.decode()
    asked = re.search(r"You need to pay <strong>(£[^<]+)</strong>", check)
    response = client.post(form_page.url + "check/")
    submission = Submission.objects.get()
    paid_page = None
    if response["Location"].startswith("/pay/demo/"):
        demo = client.get(response["Location"]).content.decode()
        paid_page = pounds(re.search(r"Pay (£[^<]+) \(demo\)", demo).group(1))[0]
    return (pounds(asked.group(1))[0] if asked else None), submission.amount_pence, paid_page


# --- Garden waste: every combination of answers the page describes ----------------------------------------

@pytest.mark.parametrize("council_tax_support", [False, True], ids=["no-CTS", "CTS"])
@pytest.mark.parametrize("bins", [1, 2, 3])
def test_garden_waste_charges_what_the_page_says_for_every_answer(site_client, bins, council_tax_support):
    cost = stated_cost(site_client, GARDEN_WASTE)
    # The page: "£52 a year for each brown bin, or £40 if you get Council Tax Support"; up to 3 bins
    assert "Council Tax Support" in cost and "each brown bin" in cost
    standard, concession = pounds(cost)
    assert "up to 3 brown bins" in TaskPage.objects.get(**westmere("/garden-waste/")).who_can_use
    expected = bins * (concession if council_tax_support else standard)

    form_page = form_at(GARDEN_WASTE)
    answers = valid_answers(form_page)
    name, field = field_named(form_page, "How many brown bins")
    answers[name] = choice_starting(field, "1 bin" if bins == 1 else f"{bins} bins")
    answer_yes_no(answers, form_page, "Council Tax Support", council_tax_support)

    on_check_page, stored_pence, on_payment_page = charge_through_the_form(site_client, form_page, answers)
    assert stored_pence == expected * 100
    assert on_check_page == expected and on_payment_page == expected
    assert Payment.objects.get().amount_pence == expected * 100


def test_council_tax_support_is_a_yes_no_question_with_a_hint(site_client):
    form_page = form_at(GARDEN_WASTE)
    name, _ = field_named(form_page, "Council Tax Support")
    steps = form_page.get_steps()
    number = next(i for i, names in enumerate(steps, start=1) if name in names)
    html = site_client.get(form_page.step_url(number)).content.decode()
    fieldset = re.search(r'<fieldset class="govuk-fieldset".*?</fieldset>', html, re.S)
    assert fieldset, "Council Tax Support is not asked as a question (a lone tick box)"
    fieldset = fieldset.group(0)
    legend = strip_tags(re.search(r"<legend.*?</legend>", fieldset, re.S).group(0)).strip()
    assert legend == "Do you get Council Tax Support?"
    assert 'class="govuk-hint"' in fieldset and f'aria-describedby="id_{name}-hint"' in fieldset
    assert re.findall(r'type="radio" value="([^"]+)"', fieldset) == ["Yes", "No"]
    assert 'class="govuk-radios' in fieldset


def test_the_bins_question_shows_each_answer_s_price_from_the_table(site_client):
    form_page = form_at(GARDEN_WASTE)
    _, field = field_named(form_page, "How many brown bins")
    labels = [str(label) for _, label in field.choices]
    assert labels == [
        "1 bin: £52 a year (£40 if you get Council Tax Support)",
        "2 bins: £104 a year (£80 if you get Council Tax Support)",
        "3 bins: £156 a year (£120 if you get Council Tax Support)",
    ]
    assert [value for value, _ in field.choices] == ["1 bin", "2 bins", "3 bins"]  # the answer kept has no price


# --- One table: change a price and the page, the choices and the charge follow -------------------------------

def test_the_page_s_cost_the_choices_and_the_charge_are_written_from_the_price_table(site_client):
    form_page = form_at(GARDEN_WASTE)
    row = form_page.prices.get()
    row.price, row.concession_price = Decimal("55"), Decimal("42.50")
    row.save()
    form_page.save_revision().publish()  # clears the page cache, as an editor's publish does

    cost = stated_cost(site_client, GARDEN_WASTE)
    assert cost == "£55 a year for each brown bin, or £42.50 if you get Council Tax Support."
    details = site_client.get("/api/bot/answer/", {"key": "garden_waste"}).json()["details"]
    assert details["cost"] == cost

    form_page = TaskFormPage.objects.get(pk=form_page.pk)
    name, field = field_named(form_page, "How many brown bins")
    assert "2 bins: £110 a year (£85 if you get Council Tax Support)" in [str(label) for _, label in field.choices]
    answers = valid_answers(form_page)
    answers[name] = "2 bins"
    answer_yes_no(answers, form_page, "Council Tax Support", True)
    assert charge_through_the_form(site_client, form_page, answers) == (Decimal("85"), 8500, Decimal("85"))


def test_the_cost_field_is_used_only_for_services_without_a_price_table(site_client):
    pay_council_tax = stated_cost(site_client, "/council-tax/pay/")
    assert pay_council_tax == "The amount shown on your bill. There is no charge for paying by card."


# --- Every paid form of the demo council is on a price table ----------------------------------------------

def test_no_price_is_typed_into_a_form_question():
    """Prices typed into answers ("2 bins (£104)") or hints drift from the page: they come from the table."""
    typed = []
    for form_page in TaskFormPage.objects.all():
        for field in form_page.get_form_fields():
            if POUNDS.search(" ".join([field.label, field.help_text, field.choices])):
                typed.append(f"{form_page.url}: {field.label}")
    assert not typed


PRICED_SERVICES = {
    "/bins-and-recycling/garden-waste/",
    "/bins-and-recycling/bulky-waste/",
    "/bins-and-recycling/order-a-bin/",
    "/parking-and-roads/parking-permits/",
}


@pytest.mark.parametrize("path", sorted(PRICED_SERVICES))
def test_each_priced_service_states_its_cost_from_its_price_table(site_client, path):
    form_page = form_at(path)
    table = form_page.price_table()
    assert table, f"{path} has no price table"
    assert stated_cost(site_client, path) == " ".join(table.cost_text().split())
    assert not TaskPage.objects.get(pk=form_page.get_parent().pk).cost  # nothing typed beside the table


def test_every_form_that_sends_residents_to_a_payment_page_knows_what_to_charge():
    """A form that says "you will pay on a secure payment page" asks the amount (a bill, a fine) or has a price
    table; before issue 20, bulky waste, bins and permits said so and charged nothing."""
    charging = {}
    for form_page in TaskFormPage.objects.live():
        if "payment page" not in form_page.intro:
            continue
        path = form_page.get_parent().url_path  # in its council's tree: /home/... (Westmere), /fellside/...
        if any(field.validation == "payment" for field in form_page.get_form_fields()):
            charging[path] = "the amount asked"
        else:
            charging[path] = "its price table" if form_page.price_table() else "nothing"
    westmere_priced = {path.removeprefix("/home") for path, how in charging.items() if how != "the amount asked"
                       and path.startswith("/home/")}
    assert westmere_priced == PRICED_SERVICES
    assert "/fellside/bins-and-recycling/bulky-waste/" in charging
    assert "nothing" not in charging.values()  # in any council


def bulky_answers(form_page, items, council_tax_support):
    answers = valid_answers(form_page)
    name, field = field_named(form_page, "How many items")
    answers[name] = choice_starting(field, items)
    answer_yes_no(answers, form_page, "Council Tax Support", council_tax_support)
    return answers


@pytest.mark.parametrize(
    "items, council_tax_support, expected",
    [("1 to 3 items", False, 30), ("1 to 3 items", True, 15), ("4 to 6 items", False, 45),
     ("4 to 6 items", True, Decimal("22.50"))],
)
def test_a_bulky_waste_booking_is_charged_what_the_page_says(site_client, items, council_tax_support, expected):
    """The form says "You will pay on a secure payment page after this form": it did not charge at all."""
    cost = stated_cost(site_client, "/bins-and-recycling/bulky-waste/")
    assert f"{items}: £" in cost and "Council Tax Support" in cost
    form_page = form_at("/bins-and-recycling/bulky-waste/")
    charged = charge_through_the_form(site_client, form_page, bulky_answers(form_page, items, council_tax_support))
    assert charged == (expected, int(expected * 100), expected)


@pytest.mark.parametrize(
    "bins, reason, expected",
    [
        (["Rubbish (green bin)"], "Lost or stolen", 25),
        (["Rubbish (green bin)", "Recycling (blue bin)"], "Broken", 50),
        (["Full set of bins for a new home"], "I have moved into a new home", 50),
        (["Rubbish (green bin)"], "Damaged by the collection crew", 0),
        (["Food waste caddy", "Kitchen caddy"], "Lost or stolen", 0),
    ],
)
def test_an_order_for_a_bin_is_charged_what_the_page_says(site_client, bins, reason, expected):
    form_page = form_at("/bins-and-recycling/order-a-bin/")
    answers = valid_answers(form_page)
    name, field = field_named(form_page, "Which bin do you need?")
    answers[name] = [choice_starting(field, bin_) for bin_ in bins]
    reason_name, _ = field_named(form_page, "Why do you need it?")
    answers[reason_name] = reason
    on_check_page, stored, on_payment_page = charge_through_the_form(site_client, form_page, answers)
    if expected:
        assert (on_check_page, stored, on_payment_page) == (expected, expected * 100, expected)
    else:
        assert (on_check_page, stored, on_payment_page) == (None, None, None)
        assert Submission.objects.get().payment_status == ""  # nothing to pay: sent at once


@pytest.mark.parametrize(
    "permit, days, expected",
    [("Resident permit for your first vehicle", "", 60), ("Resident permit for your second vehicle", "", 110),
     ("Visitor permits", "10", 20)],
)
def test_a_parking_permit_is_charged_what_the_page_says(site_client, permit, days, expected):
    form_page = form_at("/parking-and-roads/parking-permits/")
    answers = valid_answers(form_page)
    name, field = field_named(form_page, "Type of permit")
    answers[name] = choice_starting(field, permit)
    days_name, _ = field_named(form_page, "How many days of visitor permits")
    answers[days_name] = days
    assert charge_through_the_form(site_client, form_page, answers) == (expected, expected * 100, expected)


def test_visitor_permits_need_a_number_of_days_and_at_most_60(site_client):
    form_page = form_at("/parking-and-roads/parking-permits/")
    answers = valid_answers(form_page)
    name, field = field_named(form_page, "Type of permit")
    answers[name] = choice_starting(field, "Visitor permits")
    days_name, _ = field_named(form_page, "How many days of visitor permits")
    steps = form_page.get_steps()
    days_step = next(i for i, names in enumerate(steps, start=1) if days_name in names)
    question = "Answer ‘How many days of visitor permits do you want?’"
    for days, message in [("", question), ("61", f"{question} with a whole number from 1 to 60")]:
        answers[days_name] = days
        url = form_page.url
        for _ in range(days_step):
            response = site_client.post(url, answers)
            if response.status_code != 302:
                break
            url = response["Location"]
        assert response.status_code == 200, f"{days!r} was accepted"
        assert message in response.content.decode()
