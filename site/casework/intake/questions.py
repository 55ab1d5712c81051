"""The form residents fill in, built from the questions an editor wrote, with GOV.UK checks and messages.

Each question's check is chosen by the editor (TaskFormField.validation); nothing is guessed from its words.
"""
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from wagtail.contrib.forms.forms import FormBuilder

from casework.fields import UploadField
from kit import fields as kit_fields
from kit import messages

PHOTO_FIELD = "photo"
CHOICE_TYPES = ("radio", "dropdown", "checkboxes", "multiselect")
NUMBER_MAX_DIGITS = 15
SHORT_ANSWER_MAX_LENGTH = 255  # Wagtail's single-line answers
# The amount is kept in pence in a PositiveIntegerField (Submission.amount_pence, Payment.amount_pence)
LARGEST_PAYMENT = Decimal(BaseDatabaseOperations.integer_field_ranges["PositiveIntegerField"][1]) / 100
SMALLEST_PAYMENT = Decimal("0.01")


class Validation(models.TextChoices):
    NONE = "none", "No extra checks"
    POSTCODE = "postcode", "UK postcode"
    PHONE = "phone", "UK phone number"
    PAST_DATE = "past_date", "A real date, today or in the past"
    ANY_DATE = "any_date", "Any real date"
    PAYMENT = "payment", "The amount to pay (£), on pay tasks"


# Which kind of question each check fits, for the editor's message when they do not match
VALIDATION_FIELD_TYPES = {
    Validation.POSTCODE: {"singleline"},
    Validation.PHONE: {"singleline"},
    Validation.PAST_DATE: {"date"},
    Validation.ANY_DATE: {"date"},
    Validation.PAYMENT: {"number"},
}


class PaymentAmountField(kit_fields.MoneyField):
    """The amount a pay task charges: more than £0 and no more than the amount the database can hold."""

    def __init__(self, **kwargs):
        kwargs.update(min_value=SMALLEST_PAYMENT, max_value=LARGEST_PAYMENT)
        super().__init__(**kwargs)


def validation_of(field):
    return getattr(field, "validation", Validation.NONE) or Validation.NONE


class TaskFormBuilder(FormBuilder):
    """Wagtail's form builder with GOV.UK error messages, a maximum length on every answer and UK checks."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        message = messages.required_message(field.label, choose=field.field_type in CHOICE_TYPES)
        options["error_messages"] = {"required": message}
        return options

    def create_singleline_field(self, field, options):
        validation = validation_of(field)
        if validation == Validation.POSTCODE:
            return kit_fields.UKPostcodeField(**options)
        if validation == Validation.PHONE:
            return kit_fields.UKPhoneField(**options)
        options["max_length"] = SHORT_ANSWER_MAX_LENGTH
        return kit_fields.with_length_message(forms.CharField(**options), field.label)

    def create_multiline_field(self, field, options):
        options["max_length"] = kit_fields.LONG_ANSWER_MAX_LENGTH
        return kit_fields.with_length_message(forms.CharField(widget=forms.Textarea, **options), field.label)

    def create_email_field(self, field, options):
        return kit_fields.GovukEmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = SHORT_ANSWER_MAX_LENGTH
        return kit_fields.with_length_message(forms.URLField(**options), field.label)

    def create_date_field(self, field, options):
        options.pop("initial", None)
        return kit_fields.GovukDateField(allow_future=validation_of(field) != Validation.PAST_DATE, **options)

    def create_number_field(self, field, options):
        if validation_of(field) == Validation.PAYMENT:
            return PaymentAmountField(**options)
        if "£" in field.label:
            return kit_fields.MoneyField(**options)
        too_long = f"{messages.plain(field.label)} must be a number with no more than {NUMBER_MAX_DIGITS} digits"
        options["error_messages"].update(
            invalid=messages.NUMBER_INVALID, max_digits=too_long, max_whole_digits=too_long, max_decimal_places=too_long
        )
        return forms.DecimalField(min_value=0, max_digits=NUMBER_MAX_DIGITS, **options)


def photo_field():
    max_mb = settings.CASEWORK_UPLOAD_MAX_BYTES // (1024 * 1024)
    return UploadField(
        label="Photo (optional)",
        required=False,
        help_text=f"A photo or PDF helps us find and fix the problem. JPEG, PNG, HEIC or PDF, up to {max_mb}MB.",
    )


def with_photo(form_class):
    """The form class with the optional photo question last."""
    return type("WagtailForm", (form_class,), {PHOTO_FIELD: photo_field()})
