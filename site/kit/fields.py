"""Django form fields for GOV.UK questions: UK postcode, UK phone number, email, money and a date in three boxes.

Each has a maximum length and speaks the GOV.UK error messages in `kit.messages`.
"""
import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import messages
from .uk import NotAPhoneNumber, NotAPostcode, normalise_postcode, normalise_uk_phone

LONG_ANSWER_MAX_LENGTH = 4000  # GOV.UK's character count examples stop here; a textarea needs no more
DATE_PART_MAX_LENGTH = 4
EARLIEST_YEAR = 1900


def with_length_message(field, label):
    if field.max_length:
        field.error_messages["max_length"] = messages.too_long_message(label, field.max_length)
    return field


class UKPostcodeField(forms.CharField):
    """'wm1 1aa' -> 'WM1 1AA'."""

    def __init__(self, example=None, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = messages.postcode_invalid(example)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return normalise_postcode(value)
        except NotAPostcode as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class UKPhoneField(forms.CharField):
    """Accepts 01632 960 001, 07700-900-982, +44 (0)1632 960001; keeps what was typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = messages.PHONE_INVALID

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            normalise_uk_phone(value)
        except NotAPhoneNumber as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        return value.strip()


class DigitsField(forms.CharField):
    """A number made of digits, typed with spaces or dashes as on a card or a statement; stored as digits only.
    GOV.UK's bank details pattern: sort code '30-94-03' -> '309403', account number of 6 to 8 digits."""

    def __init__(self, lengths, invalid_message, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.lengths = lengths
        self.error_messages["invalid"] = invalid_message

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        digits = re.sub(r"[\s-]", "", value)
        if not digits.isascii() or not digits.isdigit() or len(digits) not in self.lengths:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return digits


def sort_code_field(**kwargs):
    return DigitsField(lengths={6}, invalid_message=messages.SORT_CODE_INVALID, **kwargs)


def account_number_field(**kwargs):
    return DigitsField(lengths={6, 7, 8}, invalid_message=messages.ACCOUNT_NUMBER_INVALID, **kwargs)


class GovukEmailField(forms.EmailField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = messages.EMAIL_INVALID
        with_length_message(self, self.label or "Email address")


class MoneyField(forms.DecimalField):
    """Pounds and pence: accepts '£1,234.50' as well as '1234.5'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(**kwargs)
        label = self.label or "The amount"
        largest = Decimal(10) ** (self.max_digits - self.decimal_places) - Decimal(1).scaleb(-self.decimal_places)
        too_big = messages.money_maximum_message(label, self.max_value if self.max_value is not None else largest)
        self.error_messages.update(
            {
                "invalid": messages.MONEY_INVALID,
                "max_decimal_places": messages.MONEY_DECIMAL_PLACES,
                "max_digits": too_big,
                "max_whole_digits": too_big,
            }
        )
        if self.min_value is not None:
            self.error_messages["min_value"] = messages.money_minimum_message(label, self.min_value)
        if self.max_value is not None:
            self.error_messages["max_value"] = messages.money_maximum_message(label, self.max_value)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").strip()[:30]
        return super().to_python(value)


class GovukDateInput(forms.MultiWidget):
    """GOV.UK date input: day, month and year boxes (widget_type 'govukdate')."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            year, month, day = value.split("-")
            return [str(int(day)), str(int(month)), year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A real date from three boxes, with the GOV.UK messages; `allow_future=False` for things that happened."""

    widget = GovukDateInput

    def __init__(self, allow_future=True, **kwargs):
        self.allow_future = allow_future
        kwargs.pop("max_length", None)
        fields = [forms.CharField(required=False) for _ in range(3)]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        label = messages.plain(self.label) or "The date"
        parts = [str(part or "").strip() for part in (value or [])] + ["", "", ""]
        day, month, year = parts[:3]
        if not (day or month or year):
            if self.required:
                raise ValidationError(messages.required_message(label), code="required")
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(messages.date_required_parts_message(label, missing), code="incomplete")
        if not all(part.isdigit() and part.isascii() and len(part) <= DATE_PART_MAX_LENGTH for part in parts[:3]):
            raise ValidationError(messages.date_invalid_message(label), code="invalid")
        if len(year) != 4:
            raise ValidationError(messages.date_invalid_message(label), code="invalid")
        try:
            date = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:
            raise ValidationError(messages.date_invalid_message(label), code="invalid") from error
        if date.year < EARLIEST_YEAR:
            raise ValidationError(messages.date_too_early_message(label, EARLIEST_YEAR), code="invalid")
        if not self.allow_future and date > timezone.localdate():
            raise ValidationError(messages.date_future_message(label), code="future")
        return date

    def compress(self, data_list):  # clean() does the work
        return data_list
