"""Which questions go on which page, and the rows of "Check your answers".

GOV.UK patterns: forms with more than four questions ask one question per page, except that an address
line right after a postcode question shares its page.
"""
import datetime

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format

from .questions import PHOTO_FIELD, Validation

MAX_QUESTIONS_ON_ONE_PAGE = 4


def plan_steps(questions, form_class):
    """Field names on each page: all on one page for short forms, else one question (or postcode + address)."""
    names = list(form_class.base_fields)
    if len(names) <= MAX_QUESTIONS_ON_ONE_PAGE:
        return [names]
    postcodes = {field.clean_name for field in questions if field.validation == Validation.POSTCODE}
    steps = []
    for name in names:
        previous = steps[-1] if steps else None
        label = str(form_class.base_fields[name].label).lower()
        if previous and len(previous) == 1 and previous[0] in postcodes and "address" in label:
            previous.append(name)
        else:
            steps.append([name])
    return steps


def first_invalid_step(form, steps):
    for number, names in enumerate(steps, start=1):
        if any(name in form.errors for name in names):
            return number
    return 1


def as_post_data(form_class, values):
    """Stored answers -> the shape a browser posts, to check the whole form at once."""
    data = MultiValueDict()
    for name, field in form_class.base_fields.items():
        if name not in values or name == PHOTO_FIELD:
            continue
        value = values[name]
        if isinstance(field.widget, forms.MultiWidget):
            for i, part in enumerate(value or []):
                data[f"{name}_{i}"] = part or ""
        elif isinstance(value, list):
            data.setlist(name, value)
        elif isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    return data


def display(value):
    if value is None or value == "" or value == []:
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def answer_rows(form, steps, photo):
    """[{label, value, step, field_id}] in the order asked; `step` is the number of the page that asks it."""
    rows = []
    for number, names in enumerate(steps, start=1):
        for name in names:
            if name == PHOTO_FIELD:
                value = (photo or {}).get("name") or "Not given"
            else:
                value = display(form.cleaned_data.get(name))
            label = str(form.fields[name].label)
            rows.append({"label": label, "value": value, "step": number, "field_id": f"id_{name}"})
    return rows
