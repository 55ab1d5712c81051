"""Places residents look for: recycling centres, car parks, community venues, libraries. Each with its address and
where it is (latitude and longitude), what it has, and when it is open, so "Find a ..." can filter and put the
nearest first."""
from django import forms
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Kind(models.TextChoices):
    RECYCLING_CENTRE = "recycling-centre", "Recycling centre"
    CAR_PARK = "car-park", "Car park"
    COMMUNITY_VENUE = "community-venue", "Community venue"
    LIBRARY = "library", "Library"


KIND_PLURALS = {
    Kind.RECYCLING_CENTRE: "recycling centres", Kind.CAR_PARK: "car parks",
    Kind.COMMUNITY_VENUE: "community venues", Kind.LIBRARY: "libraries",
}


class Facility(models.Model):
    name = models.CharField(max_length=60, unique=True, help_text="As residents say it: Accessible toilets.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "facilities"

    def __str__(self):
        return self.name


class Place(ClusterableModel):
    # Whose "Find a ..." it is in (places/councils.py): empty for the default council's
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="council",
        help_text="The council whose \"Find a ...\" lists it. Empty: the default council's.",
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    address = models.CharField(max_length=255, help_text="As on a letter, without the postcode.")
    postcode = models.CharField(max_length=8)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    facilities = ParentalManyToManyField(Facility, blank=True, related_name="places")

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("description"),
        FieldPanel("phone"),
        FieldPanel("facilities", widget=forms.CheckboxSelectMultiple),
        InlinePanel("hours", label="Opening hours", help_text="None: open at all times."),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_open(self, moment=None):
        """Open at `moment` (now): within its hours that day, or always when it has none (a car park)."""
        moment = timezone.localtime(moment or timezone.now())
        hours = list(self.hours.all())
        return not hours or any(
            hours.weekday == moment.weekday() and hours.opens <= moment.time() < hours.closes
            for hours in hours
        )

    def hours_in_words(self):
        """["Monday: 9am to 5pm", ...], a line a day it opens."""
        return [f"{WEEKDAYS[h.weekday]}: {_time(h.opens)} to {_time(h.closes)}" for h in self.hours.all()]


def _time(value):
    text = value.strftime("%I:%M%p").lstrip("0").lower().replace(":00", "")
    return {"12pm": "midday"}.get(text, text)


class OpeningHours(models.Model):
    place = ParentalKey(Place, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAYS)))
    opens = models.TimeField()
    closes = models.TimeField()

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{WEEKDAYS[self.weekday]} {self.opens}-{self.closes}"
