"""Clear GOV.UK-style messages for postcodes, phone numbers, email addresses, dates and amounts."""
import datetime

import pytest
from django import forms
from django.utils import timezone

from kit.fields import GovukDateField, MoneyField, UKPhoneField, UKPostcodeField

from .conftest import form_at

pytestmark = pytest.mark.django_db


def errors(field, value):
    try:
        return field.clean(value), None
    except forms.ValidationError as error:
        return None, error.messages[0]


@pytest.mark.parametrize("typed,expected", [("wm11aa", "WM1 1AA"), (" SW1A 1aa ", "SW1A 1AA"), ("M1 1AE", "M1 1AE")])
def test_real_postcodes_are_tidied(typed, expected):
    assert errors(UKPostcodeField(), typed) == (expected, None)


@pytest.mark.parametrize("typed", ["WM1", "12345", "QQ1 1AA", "WM1 1AAA"])
def test_other_postcodes_are_refused_with_an_example(typed):
    assert errors(UKPostcodeField(), typed)[1] == "Enter a real postcode, like WM1 1AA"


@pytest.mark.parametrize("typed", ["01632 960001", "07700 900982", "+44 7700 900982", "(01632) 960-001"])
def test_uk_phone_numbers_are_accepted(typed):
    assert errors(UKPhoneField(), typed)[1] is None


@pytest.mark.parametrize("typed", ["12345", "1632 960001", "+1 202 555 0100", "phone me"])
def test_other_phone_numbers_are_refused(typed):
    assert errors(UKPhoneField(), typed)[1] == "Enter a UK phone number, like 01632 960 001 or 07700 900 982"


def test_dates_must_be_real_complete_and_not_in_the_future_when_that_matters():
    field = GovukDateField(label="Date of your collection day", allow_future=False)
    assert errors(field, ["20", "11", "2025"]) == (datetime.date(2025, 11, 20), None)
    assert errors(field, ["31", "2", "2025"])[1] == "Date of your collection day must be a real date, like 27 3 2025"
    assert errors(field, ["20", "", ""])[1] == "Date of your collection day must include a month and a year"
    assert errors(field, ["x", "1", "2025"])[1].endswith("must be a real date, like 27 3 2025")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]
    assert errors(field, future)[1] == "Date of your collection day must be today or in the past"
    assert errors(GovukDateField(label="Moving date", allow_future=True), future)[1] is None
    assert errors(field, ["", "", ""])[1] == "Enter date of your collection day"


def test_amounts_accept_pounds_signs_and_commas():
    assert str(errors(MoneyField(), "£1,234.50")[0]) == "1234.50"
    assert errors(MoneyField(), "lots")[1] == "Enter a number, like 52 or 183.50"


def test_the_form_builder_uses_the_checks_by_question(missed_bin_form):
    form = missed_bin_form.get_form_class()(
        {"your_postcode": "nope", "email_address": "nope", "date_of_your_collection_day_0": "40"}
    )
    form.is_valid()
    assert form.errors["your_postcode"] == ["Enter a real postcode, like WM1 1AA"]
    assert form.errors["email_address"] == ["Enter an email address in the correct format, like name@example.com"]
    assert form.errors["which_bin_was_missed"] == ["Select an answer to ‘Which bin was missed?’"]
    assert form.errors["first_line_of_your_address"] == ["Enter first line of your address"]
    assert form.errors["date_of_your_collection_day"] == [
        "Date of your collection day must include a month and a year"
    ]
    bulky = form_at("/bins-and-recycling/bulky-waste/")
    phone = next(f for f in bulky.get_form_fields() if "phone" in f.label.lower())
    assert isinstance(bulky.get_form_class().base_fields[phone.clean_name], UKPhoneField)
