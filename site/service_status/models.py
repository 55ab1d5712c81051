"""Service status: a disruption editors post ("Garden waste collections suspended in Eastbrook because of snow") on
service areas or task pages, from a start to an end, and optionally only at some postcodes. While it lasts it shows
on the pages it affects and theirs below, at the top of search results for them, in the assistant's answers for
them and in the bin-day answer for an affected postcode; /service-status/ lists what is current. It ends by itself.
"""
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from kit.uk import normalise_postcode

POSTCODE_PART = r"^[A-Z]{1,2}[0-9][A-Z0-9]?( [0-9]([A-Z]{2})?)?$"


class Disruption(models.Model):
    title = models.CharField(
        max_length=150, help_text="What and where, in a sentence: Garden waste collections suspended in Eastbrook.",
    )
    details = models.TextField(
        help_text="Why, what to do, and when it will be back to normal, in plain words. Shown as it is typed.",
    )
    pages = models.ManyToManyField(
        "wagtailcore.Page", related_name="+", verbose_name="Pages it affects",
        help_text="The service areas or task pages: it shows on them and on the pages below them.",
    )
    postcodes = models.TextField(
        blank=True,
        help_text="Only at these postcodes, one on each line: whole postcodes (WM4 6BR), sectors (WM4 6) or districts "
        "(WM4). The bin-day answer for them says so. Leave empty for everywhere.",
    )
    starts_at = models.DateTimeField("Starts", default=timezone.now)
    ends_at = models.DateTimeField("Ends", help_text="It stops showing by itself then.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = "service disruption"

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})
        bad = [line for line in self.postcode_lines() if not _is_postcode_part(line)]
        if bad:
            raise ValidationError({"postcodes": f"Not a postcode, sector or district: {', '.join(bad[:3])}"})

    def postcode_lines(self):
        return [" ".join(line.upper().split()) for line in self.postcodes.splitlines() if line.strip()]

    def covers_postcode(self, postcode):
        """Whether the disruption is at this postcode (written one way: WM4 6BR): it names no postcodes, or one
        of them is the postcode, its sector (WM4 6) or its district (WM4)."""
        lines = self.postcode_lines()
        if not lines:
            return True
        district, sector = postcode.split(" ")[0], postcode[:-2]
        return any(line in (postcode, sector, district) for line in lines)


def _is_postcode_part(text):
    if re.match(POSTCODE_PART, text):
        return True
    try:
        normalise_postcode(text)
        return True
    except ValueError:
        return False
