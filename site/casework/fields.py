"""Form fields with GOV.UK-style error messages: UK postcodes, UK phone numbers, email, dates, uploads."""
import datetime
import re
from decimal import Decimal, InvalidOperation

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags

POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)
UK_PHONE = re.compile(r"^0\d{9,10}$")
ALLOWED_UPLOAD_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "image/heif": "HEIC",
    "application/pdf": "PDF",
}


def lower_first(text):
    text = strip_tags(str(text)).strip()
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def required_message(label, choose=False):
    label = strip_tags(str(label)).strip()
    if label.endswith("?"):
        return f"Select an answer to ‘{label}’" if choose else f"Answer ‘{label}’"
    return f"Select {lower_first(label)}" if choose else f"Enter {lower_first(label)}"


class UKPostcodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        compact = re.sub(r"\s+", "", value).upper()
        if not POSTCODE.match(compact):
            raise ValidationError("Enter a real postcode, like WM1 1AA", code="invalid")
        return f"{compact[:-3]} {compact[-3:]}"


class UKPhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        digits = re.sub(r"[\s\-().]", "", value)
        if digits.startswith("+44"):
            digits = "0" + digits[3:].lstrip("0")
        elif digits.startswith("0044"):
            digits = "0" + digits[4:].lstrip("0")
        if not UK_PHONE.match(digits):
            raise ValidationError(
                "Enter a UK phone number, like 01632 960 001 or 07700 900 982", code="invalid"
            )
        return value.strip()


class MoneyField(forms.DecimalField):
    """Accepts '£1,234.50' as well as '1234.5'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(**kwargs)
        self.error_messages["invalid"] = "Enter a number, like 52 or 183.50"
        self.error_messages["max_decimal_places"] = "Enter an amount with no more than 2 decimal places, like 183.50"

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").strip()
        try:
            return super().to_python(value)
        except InvalidOperation as error:  # pragma: no cover - DecimalField already raises ValidationError
            raise ValidationError(self.error_messages["invalid"]) from error


class GovukDateInput(forms.MultiWidget):
    """GOV.UK date input: day, month and year boxes (widget_type 'govukdate')."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            year, month, day = value.split("-")
            return [str(int(day)), str(int(month)), year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateInput

    def __init__(self, allow_future=True, **kwargs):
        self.allow_future = allow_future
        kwargs.pop("max_length", None)
        fields = [forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False)]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        label = strip_tags(str(self.label or "The date"))
        parts = [str(part or "").strip() for part in (value or [])] + ["", "", ""]
        day, month, year = parts[:3]
        if not (day or month or year):
            if self.required:
                raise ValidationError(required_message(label), code="required")
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{label} must be a real date, like 27 3 2025", code="invalid")
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{label} must be a real date, like 27 3 2025", code="invalid") from error
        if date.year < 1900:
            raise ValidationError(f"{label} must be after 1900", code="invalid")
        if not self.allow_future and date > timezone.localdate():
            raise ValidationError(f"{label} must be today or in the past", code="future")
        return date

    def compress(self, data_list):  # clean() does the work
        return data_list


def check_upload(uploaded):
    """Size and real file type (read from the content, not the name). Returns the content type."""
    max_bytes = settings.CASEWORK_UPLOAD_MAX_BYTES
    if uploaded.size > max_bytes:
        raise ValidationError(f"The file must be smaller than {max_bytes // (1024 * 1024)}MB", code="too_big")
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_UPLOAD_TYPES:
        raise ValidationError("The selected file must be a JPEG, PNG, HEIC or PDF", code="type")
    return kind.mime


class UploadField(forms.FileField):
    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and hasattr(uploaded, "read"):
            uploaded.sniffed_type = check_upload(uploaded)
        return uploaded
