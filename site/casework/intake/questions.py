"""The form residents fill in, built from the questions an editor wrote, with GOV.UK checks and messages.

Each question's check is chosen by the editor (TaskFormField.validation); nothing is guessed from its words.
"""
from django import forms
from django.conf import settings
from django.db import models
from wagtail.contrib.forms.forms import FormBuilder

from casework.fields import UploadField
from casework.prices import LARGEST_PAYMENT, SMALLEST_PAYMENT, PriceTable
from kit import fields as kit_fields
from kit import messages

from . import pricing
from .pricing import PriceRole

PHOTO_FIELD = "photo"
CHOICE_TYPES = ("radio", "dropdown", "checkboxes", "multiselect")
NUMBER_MAX_DIGITS = 15
SHORT_ANSWER_MAX_LENGTH = 255  # Wagtail's single-line answers


class Validation(models.TextChoices):
    NONE = "none", "No extra checks"
    POSTCODE = "postcode", "UK postcode"
    PHONE = "phone", "UK phone number"
    PAST_DATE = "past_date", "A real date, today or in the past"
    ANY_DATE = "any_date", "Any real date"
    PAYMENT = "payment", "The amount to pay (£), on pay tasks"
    SORT_CODE = "sort_code", "A bank sort code (6 digits)"
    ACCOUNT_NUMBER = "account_number", "A bank account number (6 to 8 digits)"


# Which kind of question each check fits, for the editor's message when they do not match
VALIDATION_FIELD_TYPES = {
    Validation.POSTCODE: {"singleline"},
    Validation.PHONE: {"singleline"},
    Validation.SORT_CODE: {"singleline"},
    Validation.ACCOUNT_NUMBER: {"singleline"},
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
    """Wagtail's form builder with GOV.UK error messages, a maximum length on every answer and UK checks; with a
    price table, the priced questions' answers and prices come from it (casework.prices). It builds the form of
    a FormDefinition's questions (casework.intake.definition.Question), whose choices are already a list."""

    def __init__(self, fields, prices=None, postcode_example=""):
        super().__init__(fields)
        self.prices = prices or PriceTable()
        self.postcode_example = postcode_example  # one of the form's council's postcodes, for its messages

    @property
    def formfields(self):
        formfields = super().formfields
        for field in self.fields:
            formfields[field.clean_name or field.get_field_clean_name()].price_role = pricing.role_of(field)
        return formfields

    def get_form_class(self):
        if not self.prices:
            return super().get_form_class()
        return type("WagtailForm", (pricing.PricedForm,), {"prices": self.prices, **self.formfields})

    def get_formatted_field_choices(self, field):
        """The options of the price table with their prices; How many's answers with what they come to."""
        role = pricing.role_of(field)
        if role == PriceRole.OPTION and self.prices:
            return [(price.option, self.prices.label(price)) for price in self.prices.prices]
        choices = [(choice, choice) for choice in field.choices]
        if role == PriceRole.QUANTITY and self.prices:
            return [(value, self.prices.quantity_label(label, pricing.how_many(value))) for value, label in choices]
        return choices

    def get_field_options(self, field):
        options = super().get_field_options(field)
        message = messages.required_message(field.label, choose=field.field_type in CHOICE_TYPES)
        options["error_messages"] = {"required": message}
        return options

    def create_singleline_field(self, field, options):
        validation = validation_of(field)
        if validation == Validation.POSTCODE:
            return kit_fields.UKPostcodeField(example=self.postcode_example or None, **options)
        if validation == Validation.PHONE:
            return kit_fields.UKPhoneField(**options)
        if validation == Validation.SORT_CODE:
            return kit_fields.sort_code_field(**options)
        if validation == Validation.ACCOUNT_NUMBER:
            return kit_fields.account_number_field(**options)
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
        if pricing.role_of(field) == PriceRole.QUANTITY:
            return self.create_quantity_field(field, options)
        if validation_of(field) == Validation.PAYMENT:
            return PaymentAmountField(**options)
        if "£" in field.label:
            return kit_fields.MoneyField(**options)
        too_long = f"{messages.plain(field.label)} must be a number with no more than {NUMBER_MAX_DIGITS} digits"
        options["error_messages"].update(
            invalid=messages.NUMBER_INVALID, max_digits=too_long, max_whole_digits=too_long, max_decimal_places=too_long
        )
        return forms.DecimalField(min_value=0, max_digits=NUMBER_MAX_DIGITS, **options)

    def create_quantity_field(self, field, options):
        """How many, as a whole number from 1 to the most the price rows allow."""
        limits = [price.most for price in self.prices.prices if price.each]
        most = max(limits) if limits and all(limits) else pricing.MOST_AT_ONCE
        message = messages.whole_number_message(field.label, 1, most)
        options["error_messages"].update(invalid=message, min_value=message, max_value=message)
        options.pop("initial", None)
        return forms.IntegerField(min_value=1, max_value=most, **options)


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
