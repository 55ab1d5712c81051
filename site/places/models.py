"""The address list: one row per address (its UPRN), with the collection round and ward it belongs to.

Loaded from a CSV file by `manage.py load_addresses` (places/loading.py), never typed in by hand.
"""
import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UPRN = RegexValidator(r"^[0-9]{1,12}$", "A UPRN is 1 to 12 digits.")


def council_field():
    """Whose address list the row is (places/councils.py): empty for the default council's."""
    return models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="council",
        help_text="Empty: the default council's.",
    )


def code_per_council(model_name):
    """A code names one round or ward within its council (two councils may both have a mon-a); the default
    council's rows (no site) need a constraint of their own, as NULLs never clash."""
    return [
        models.UniqueConstraint(fields=["site", "code"], name=f"places_{model_name}_code_per_council"),
        models.UniqueConstraint(
            fields=["code"], condition=Q(site__isnull=True), name=f"places_{model_name}_code_default_council"
        ),
    ]


class CollectionRound(models.Model):
    """The crew's round an address is on: its weekday, and which weeks are recycling weeks."""

    site = council_field()
    code = models.SlugField(max_length=40, help_text="The round's name in the address file: mon-a.")
    name = models.CharField(max_length=100, help_text="For staff: Monday, week A.")
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAYS)))
    recycling_week = models.CharField(
        max_length=1, choices=[("A", "Week A"), ("B", "Week B")], default="A",
        help_text="Recycling goes out in week A or week B, rubbish in the other (places/bins.py counts the weeks).",
    )

    class Meta:
        ordering = ["weekday", "code"]
        constraints = code_per_council("round")

    def __str__(self):
        return self.name

    @property
    def day_name(self):
        return WEEKDAYS[self.weekday]


class Ward(models.Model):
    site = council_field()
    code = models.SlugField(max_length=60, help_text="The ward's name in the address file: northgate.")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = code_per_council("ward")

    def __str__(self):
        return self.name


class Councillor(models.Model):
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="councillors")
    name = models.CharField(max_length=100)
    party = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    surgery = models.CharField(
        "Surgery times", max_length=255, blank=True,
        help_text="When and where to meet them: First Saturday of the month, 10am to 12pm, Northgate Library.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="councillor",
        help_text="The councillor's sign-in: they see their ward's requests and log enquiries for residents.",
    )

    class Meta:
        ordering = ["ward__name", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["ward", "name"], name="places_one_councillor_name_per_ward")]

    def __str__(self):
        return self.name

    @property
    def phone_link(self):
        """tel: link target: the digits only (01632 960401 -> tel:01632960401)."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""


def natural_key(text):
    """'10 Brook Road' after '9 Brook Road': numbers compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", text) if part]


class Address(models.Model):
    site = council_field()
    # A UPRN is unique in the whole country, so across councils too
    uprn = models.CharField("UPRN", max_length=12, unique=True, validators=[UPRN])
    line_1 = models.CharField("Address line 1", max_length=200)
    line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, db_index=True, help_text="Upper case with one space: WM1 1AA.")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # RESTRICT, not PROTECT: a round or ward in use is never deleted alone, but deleting a council (its site)
    # deletes its rounds, wards and addresses together
    collection_round = models.ForeignKey(
        CollectionRound, null=True, blank=True, on_delete=models.RESTRICT, related_name="addresses"
    )
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.RESTRICT, related_name="addresses")

    class Meta:
        verbose_name_plural = "addresses"
        ordering = ["postcode", "line_1"]

    def __str__(self):
        return self.full

    @property
    def short(self):
        """The part that tells addresses at one postcode apart: 'Flat 2, 14 Market Street'."""
        return ", ".join(part for part in (self.line_1, self.line_2) if part)

    @property
    def full(self):
        return ", ".join(part for part in (self.line_1, self.line_2, self.town, self.postcode) if part)

    @property
    def sort_key(self):
        return natural_key(self.short)


def ward_postcodes(ward):
    """The postcodes of the ward's addresses (its council's address list)."""
    return list(Address.objects.filter(ward=ward).values_list("postcode", flat=True).distinct())
