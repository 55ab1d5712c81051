"""Priced questions: the questions of an online form that pick options of its price table, say how many, or ask
about the concession (each marked by the editor, never guessed from its words), and what the answers cost.

The prices themselves, and their words, are in casework.prices.
"""
import re
from decimal import Decimal

from django.db import models
from wagtail.contrib.forms.forms import BaseForm

from casework.prices import LARGEST_PAYMENT, to_pence
from kit import messages

LEADING_NUMBER = re.compile(r"\s*(\d{1,6})\b")
MOST_AT_ONCE = 1000  # "How many" when no price row says its own most
CHOICE_TYPES_FOR_OPTIONS = {"radio", "dropdown", "checkboxes", "multiselect"}
CHOICE_TYPES_FOR_ONE_ANSWER = {"radio", "dropdown"}


class PriceRole(models.TextChoices):
    NONE = "", "Nothing"
    OPTION = "option", "Its answers are the options of the price table"
    QUANTITY = "quantity", "How many: the prices ‘for each one’ are multiplied by it"
    CONCESSION = "concession", "The concession question: one answer gives the concession prices"


def role_of(field):
    return getattr(field, "price_role", "") or ""


def names_by_role(fields):
    """{role: field name} of a form's fields (Django fields tagged by the form builder)."""
    return {role_of(field): name for name, field in fields.items() if role_of(field)}


def how_many(value):
    """The answer to How many: a number, or an answer that starts with one ('2 bins')."""
    if isinstance(value, int | Decimal):
        return int(value)
    match = LEADING_NUMBER.match(str(value or ""))
    return int(match.group(1)) if match else None


def is_concession(value, table):
    if isinstance(value, bool):
        return value
    return bool(table.concession_answer) and str(value or "").strip() == table.concession_answer.strip()


def priced_answers(fields, table, answer):
    """(chosen options or None when no question picks them, how many, whether the concession applies);
    answer(name) gives the answer to a question."""
    roles = names_by_role(fields)
    options = None
    if PriceRole.OPTION in roles:
        value = answer(roles[PriceRole.OPTION])
        options = list(value) if isinstance(value, list | tuple) else ([value] if value else [])
    times = how_many(answer(roles[PriceRole.QUANTITY])) if PriceRole.QUANTITY in roles else None
    concession = PriceRole.CONCESSION in roles and is_concession(answer(roles[PriceRole.CONCESSION]), table)
    return options, times, concession


def charge(table, form):
    """In pence, for a whole form that has been checked."""
    options, times, concession = priced_answers(form.fields, table, form.cleaned_data.get)
    return table.charge(options, times, concession)


class PricedForm(BaseForm):
    """The form of a service with a price table. An option sold 'for each one' needs an answer to How many (at
    most the row's most). On a page of a long form, the answers given on other pages are `answers_so_far`."""

    prices = None
    answers_so_far = None

    def answer(self, name):
        if name in self.fields:
            return self.cleaned_data.get(name)
        return (self.answers_so_far or {}).get(name)

    def clean(self):
        cleaned = super().clean()
        fields = type(self).base_fields
        name = names_by_role(fields).get(PriceRole.QUANTITY)
        if name is None or name not in self.fields or name in self.errors:
            return cleaned
        options, times, concession = priced_answers(fields, self.prices, self.answer)
        each = [price for price in self.prices.chosen(options) if price.each]
        label = fields[name].label
        if each and not times:
            self.add_error(name, messages.required_message(label))
        elif times and any(price.most and times > price.most for price in each):
            most = min(price.most for price in each if price.most)
            self.add_error(name, messages.whole_number_message(label, 1, most))
        elif self.prices.charge(options, times, concession) > to_pence(LARGEST_PAYMENT):
            self.add_error(name, messages.money_maximum_message("What you are paying for", LARGEST_PAYMENT))
        return cleaned
