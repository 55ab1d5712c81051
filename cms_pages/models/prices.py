"""A service's price table, kept on its online form: one row per option, with its price, its concession price and
the words after the price. The service page's Cost, the form's priced answers and the charge are all written from
it (casework.prices), so a price is typed once.

The editor marks which questions use it (TaskFormField.price_role): the question whose answers are the options,
"How many" (for prices "for each one") and the concession question, whose answer named on the form gives the
concession prices. `PricedFormPageForm` checks in the admin that they fit together before a page is saved.
"""
import re

from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.models import Orderable

from casework.intake.definition import working_days_said
from casework.intake.pricing import CHOICE_TYPES_FOR_ONE_ANSWER, CHOICE_TYPES_FOR_OPTIONS, LEADING_NUMBER, PriceRole
from casework.prices import Price, to_pence

TYPED_PRICE = re.compile(r"£\s?\d")
# "10 working days", "2 to 3 weeks": the form's service standard says how long it takes, once
TIMESCALE = re.compile(r"\b\d+(?: to \d+)? (?:working )?(?:hours?|days?|weeks?|months?)\b", re.IGNORECASE)
MONEY = {"max_digits": 7, "decimal_places": 2, "validators": [MinValueValidator(0)]}  # up to £99,999.99


class PriceRow(Orderable):
    page = ParentalKey("cms_pages.TaskFormPage", on_delete=models.CASCADE, related_name="prices")
    option = models.CharField(
        max_length=100,
        help_text="As residents see it, for example: 1 to 3 items. For a price for each one: Each brown bin.",
    )
    price = models.DecimalField("Price (£)", help_text="0 for free.", **MONEY)
    concession_price = models.DecimalField(
        "Concession price (£)",
        null=True,
        blank=True,
        help_text="When the answer to the concession question gives the concession. Blank if it does not change.",
        **MONEY,
    )
    per = models.CharField(
        "Words after the price", max_length=30, blank=True, help_text="For example: a year, or a day."
    )
    each = models.BooleanField(
        "Price for each one",
        default=False,
        help_text="Multiply by the answer to the question marked ‘How many’ (for example each bin, each day).",
    )
    most = models.PositiveIntegerField(
        "Most at once", null=True, blank=True, help_text="For a price for each one: the most a resident can ask for."
    )

    panels = [
        FieldPanel("option"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("concession_price"), FieldPanel("per")]),
        FieldRowPanel([FieldPanel("each"), FieldPanel("most")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "price"

    def __str__(self):
        return self.option

    def as_price(self):
        return Price(
            option=self.option,
            pence=to_pence(self.price or 0),
            concession_pence=None if self.concession_price is None else to_pence(self.concession_price),
            per=self.per,
            each=self.each,
            most=self.most,
        )


def split_choices(choices):
    """A question's answers as Wagtail's form builder splits them: one a line, or by commas on one line."""
    lines = [line.strip() for line in (choices or "").strip().splitlines()]
    if len(lines) > 1:
        return [line.rstrip(",").strip() for line in lines if line]
    return [part.strip() for part in (choices or "").split(",") if part.strip()]


def kept(formset):
    """The forms of an inline formset that will be saved, each checked."""
    if formset is None:
        return []
    return [form for form in formset.forms if form.is_valid() and not form.cleaned_data.get("DELETE")]


class PricedFormPageForm(WagtailAdminFormPageForm):
    """The online form's admin form: one timescale (the service standard), and a price table that fits the
    questions marked to use it."""

    def clean(self):
        cleaned = super().clean()
        if TIMESCALE.search(cleaned.get("thank_you_text") or ""):
            self.add_error(
                "thank_you_text",
                "Say how long it takes once, in the service standard: the confirmation page and email show it "
                "just above this text.",
            )
        said = working_days_said(cleaned.get("service_standard"))
        if said and cleaned.get("working_days") not in said:
            numbers = " or ".join(str(days) for days in said)
            self.add_error("working_days", f"The service standard says {numbers} working days: give that number here.")
        questions = kept(self.formsets.get("form_fields"))
        rows = kept(self.formsets.get("prices"))
        by_role = {}
        for question in questions:
            role = question.cleaned_data.get("price_role") or ""
            if role:
                if not rows:
                    question.add_error("price_role", "This form has no price table: add its prices first.")
                elif role in by_role:
                    question.add_error("price_role", f"Only one question can be ‘{PriceRole(role).label}’.")
                by_role.setdefault(role, question)
        if rows:
            self.check_price_table(cleaned, questions, rows, by_role)
        self.check_services_to_tell(questions, kept(self.formsets.get("services_to_tell")))
        return cleaned

    @staticmethod
    def check_services_to_tell(questions, services):
        """A service offered "only when an answer is" names answers this form's questions can be given."""
        answers = {choice for question in questions for choice in split_choices(question.cleaned_data.get("choices"))}
        for service in services:
            for line in (service.cleaned_data.get("only_when") or "").splitlines():
                if line.strip() and line.strip() not in answers:
                    service.add_error(
                        "only_when", f"‘{line.strip()}’ is not an answer to a question on this form: copy the choice "
                        "as the question writes it.",
                    )

    def check_price_table(self, cleaned, questions, rows, by_role):
        for question in questions:
            for name in ("label", "help_text", "choices"):
                if TYPED_PRICE.search(question.cleaned_data.get(name) or ""):
                    question.add_error(name, "Put prices in the price table: the form adds them to the answers.")
        if TYPED_PRICE.search(cleaned.get("price_note") or ""):
            self.add_error("price_note", "Put prices in the price table, not in the words after it.")
        seen = set()
        for row in rows:
            option = row.cleaned_data.get("option")
            if option in seen:
                row.add_error("option", "Each option is in the table once.")
            seen.add(option)

        option = by_role.get(PriceRole.OPTION)
        if option is None and len(rows) > 1:
            rows[0].add_error(
                "option", "With more than one price, mark the question whose answers are these options (Prices)."
            )
        if option is not None:
            if option.cleaned_data.get("field_type") not in CHOICE_TYPES_FOR_OPTIONS:
                option.add_error("field_type", "The options of the price table are answered by choosing.")
            if option.cleaned_data.get("choices", "").strip():
                option.add_error("choices", "Leave this empty: the answers are the options of the price table.")

        self.check_concession(cleaned, rows, by_role.get(PriceRole.CONCESSION))
        self.check_how_many(rows, by_role.get(PriceRole.QUANTITY))

    def check_concession(self, cleaned, rows, question):
        with_concession = [row for row in rows if row.cleaned_data.get("concession_price") is not None]
        if not with_concession:
            if question is not None:
                question.add_error("price_role", "No price in the table has a concession price.")
            return
        if question is None:
            with_concession[0].add_error(
                "concession_price", "Mark the question that asks about the concession (Prices: the concession question)"
            )
            return
        if not (cleaned.get("concession_wording") or "").strip():
            self.add_error(
                "concession_wording", "Say who gets the concession, for example: if you get Council Tax Support."
            )
        answers = split_choices(question.cleaned_data.get("choices"))
        if question.cleaned_data.get("field_type") not in CHOICE_TYPES_FOR_ONE_ANSWER:
            question.add_error("field_type", "Ask about the concession with one answer to choose, such as Yes or No.")
        elif (cleaned.get("concession_answer") or "").strip() not in answers:
            self.add_error("concession_answer", f"Use one of the concession question’s answers: {', '.join(answers)}.")

    def check_how_many(self, rows, question):
        each = [row for row in rows if row.cleaned_data.get("each")]
        if not each:
            if question is not None:
                question.add_error("price_role", "No price in the table is ‘for each one’.")
            return
        if question is None:
            each[0].add_error("each", "Mark the question that asks how many (Prices: How many).")
            return
        field_type = question.cleaned_data.get("field_type")
        if field_type in CHOICE_TYPES_FOR_ONE_ANSWER:
            if not all(LEADING_NUMBER.match(answer) for answer in split_choices(question.cleaned_data.get("choices"))):
                question.add_error("choices", "Start each answer with its number, for example: 2 bins.")
        elif field_type != "number":
            question.add_error("field_type", "Ask how many with a number, or answers that start with one.")

