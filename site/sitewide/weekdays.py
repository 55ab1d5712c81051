"""Days of the week as a model field: ticked in the admin, a list of day numbers in Python (Monday 0 to Sunday 6,
as `datetime.weekday()` and the CONTACT_CENTRE_DAYS setting count them), kept as "0,1,2,3,4"."""
from django import forms
from django.db import models

WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"), (5, "Saturday"),
            (6, "Sunday")]


def day_numbers(value):
    """The day numbers in `value` (a list of numbers, or "0,1,2" as kept), each once, in order."""
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    return sorted({int(day) for day in value or ()})


class WeekdaysField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 13)  # all seven: "0,1,2,3,4,5,6"
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return day_numbers(value)

    def to_python(self, value):
        try:
            days = day_numbers(value)
        except (TypeError, ValueError):
            raise forms.ValidationError("Choose days of the week.") from None
        if any(day not in range(7) for day in days):
            raise forms.ValidationError("Choose days of the week.")
        return days

    def get_prep_value(self, value):
        return ",".join(str(day) for day in day_numbers(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=WEEKDAYS,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=kwargs.get("label") or self.verbose_name.capitalize(),
            help_text=self.help_text,
        )
