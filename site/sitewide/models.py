"""Site-wide settings editors change in the Wagtail admin: council contact details and the alert banner.

Each council on the installation is a Wagtail Site with its own content tree; these settings are per site, so
each council has its own name, contact details, branding, request references and email sender."""
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .contact_centre_hours import hours_of
from .hours_in_words import in_words, unmentioned
from .weekdays import WeekdaysField


class BrandColour(models.TextChoices):
    """Header colours within the GOV.UK Frontend theme, each with white text at 7:1 or more (WCAG AAA), so no
    council can pick a header residents cannot read. The classes are in site/frontend/scss/components/_header.scss.
    """

    TEAL = "teal", "Teal (Westmere)"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"
    PURPLE = "purple", "Purple"
    MAROON = "maroon", "Maroon"


# Each colour and its darker border, as in the stylesheet (white on each: 7.2:1 to 11.2:1); the browser's
# theme colour (<meta name="theme-color">) is the first.
BRAND_HEX = {
    BrandColour.TEAL: ("#00625e", "#003f3c"),
    BrandColour.GREEN: ("#005a30", "#003d20"),
    BrandColour.BLUE: ("#144e8c", "#0b2f5c"),
    BrandColour.PURPLE: ("#4c2c92", "#2e1a5c"),
    BrandColour.MAROON: ("#7a0a15", "#4d060d"),
}


REFERENCE_PREFIX = RegexValidator(
    r"^[A-Z]{2,3}$", "A reference prefix is 2 or 3 capital letters, for example WM or FEL."
)


@register_setting(icon="site")
class CouncilSettings(BaseSiteSetting):
    name = models.CharField(max_length=100, default="Westmere District Council")
    short_name = models.CharField(
        max_length=40,
        blank=True,
        help_text="The place name residents use for the area, for example: Westmere. Empty: the council's name.",
    )
    wordmark = models.CharField(
        "Logo text",
        max_length=60,
        blank=True,
        help_text="The words in the header that stand for the logo. Empty: the council's name.",
    )
    brand_colour = models.CharField(
        max_length=20, choices=BrandColour.choices, default=BrandColour.TEAL, help_text="The header's colour."
    )
    reference_prefix = models.CharField(
        max_length=3,
        default="WM",
        validators=[REFERENCE_PREFIX],
        help_text="Starts every request's reference (WM-7K3P-9Q). Changing it leaves old references as they are.",
    )
    email_from = models.CharField(
        "Emails' sender",
        max_length=200,
        blank=True,
        help_text="Who residents' emails come from: Westmere District Council <no-reply@example.org>. "
        "Empty: the installation's default.",
    )
    phone = models.CharField(max_length=30, help_text="Main phone number, for example 01632 960000.")
    out_of_hours_phone = models.CharField(
        max_length=30, blank=True, help_text="For emergencies when the offices are closed."
    )
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=255)
    opening_hours = models.CharField(max_length=255, help_text="For example: Monday to Friday, 9am to 5pm.")
    # When a chat handed to a person waits for one (assistant.opening_hours); empty: the installation's hours
    contact_centre_days = WeekdaysField(
        "Days",
        blank=True,
        help_text="The days live chat waits for a person. None ticked: the installation's days (Monday to Friday "
        "unless it sets its own).",
    )
    contact_centre_opens = models.TimeField(
        "Opens", null=True, blank=True, help_text="For example 09:00. Empty: the installation's time (9am unless set)."
    )
    contact_centre_closes = models.TimeField(
        "Closes", null=True, blank=True, help_text="For example 17:00. Empty: the installation's time (5pm unless set)."
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The privacy notice, linked from every page's footer.",
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The cookies page, linked from every page's footer.",
    )
    # The bins residents put out, as the bin-day answers, calendars and reminders name them (places/bins.py): each
    # council its own names and colours. The defaults are the default council's (the demo's Westmere's).
    rubbish_bin = models.CharField(
        "Rubbish", max_length=60, default="Rubbish (green bin)", help_text="For example: Rubbish (green bin)."
    )
    recycling_bin = models.CharField(
        "Recycling", max_length=60, default="Recycling (blue bin)", help_text="For example: Recycling (blue bin)."
    )
    garden_waste_bin = models.CharField(
        "Garden waste", max_length=60, blank=True, default="Garden waste (brown bin)",
        help_text="Goes out with the recycling, for those who pay for it. Empty: no garden waste collections.",
    )
    food_waste_bin = models.CharField(
        "Food waste", max_length=60, blank=True, default="Food waste (caddy)",
        help_text="Goes out every week. Empty: no food waste collections.",
    )
    merged_into = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+",
        help_text="Set by manage.py merge_councils: the council this one's services moved to.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("out_of_hours_phone"), FieldPanel("email")], heading="Contact"
        ),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [FieldPanel(f"contact_centre_{name}") for name in ("days", "opens", "closes")], heading="Live chat hours"
        ),
        MultiFieldPanel([FieldPanel("wordmark"), FieldPanel("brand_colour")], heading="Branding"),
        MultiFieldPanel([FieldPanel("reference_prefix"), FieldPanel("email_from")], heading="Requests and emails"),
        MultiFieldPanel(
            [FieldPanel("rubbish_bin"), FieldPanel("recycling_bin"), FieldPanel("garden_waste_bin"),
             FieldPanel("food_waste_bin")],
            heading="Bins", help_text="Rubbish and recycling go out on alternate weeks, on each address's bin day.",
        ),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("cookies_page")], heading="Footer pages"),
    ]

    class Meta:
        verbose_name = "Council settings"

    def __str__(self):
        return self.name

    @property
    def logo_text(self):
        return self.wordmark or self.name

    @property
    def brand_hex(self):
        return BRAND_HEX.get(self.brand_colour, BRAND_HEX[BrandColour.TEAL])[0]

    @property
    def area_name(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        clash = (
            type(self).objects.filter(reference_prefix=self.reference_prefix).exclude(pk=self.pk).first()
        )
        if clash is not None:
            raise ValidationError(
                {"reference_prefix": f"{clash.name} already starts its references with {self.reference_prefix}."}
            )
        if self.email_from and not re.search(r"[^@<\s]+@[^@>\s]+", self.email_from):
            raise ValidationError({"email_from": "Enter an email address, for example no-reply@example.org."})
        self.clean_contact_centre_hours()

    def clean_contact_centre_hours(self):
        """Live chat's hours close after they open, and residents are not told other times: the written hours
        mention the council's own opening and closing times (when they mention times at all)."""
        hours = hours_of(self)
        if hours.opens >= hours.closes:
            raise ValidationError(
                {"contact_centre_closes": f"Live chat must close after it opens ({in_words(hours.opens)})."}
            )
        own = [moment for moment in (self.contact_centre_opens, self.contact_centre_closes) if moment is not None]
        if unmentioned(self.opening_hours, own):
            raise ValidationError({"opening_hours": (
                f"Live chat is open {in_words(hours.opens)} to {in_words(hours.closes)} (Live chat hours): "
                "say the same times here, or change those."
            )})


class AlertSeverity(models.TextChoices):
    INFO = "info", "Information"
    WARNING = "warning", "Warning"
    EMERGENCY = "emergency", "Emergency"


@register_setting(icon="warning")
class AlertBanner(BaseSiteSetting):
    """One banner shown at the top of every page while it is switched on and not past its end time."""

    is_active = models.BooleanField("Show the banner", default=False)
    severity = models.CharField(max_length=20, choices=AlertSeverity.choices, default=AlertSeverity.INFO)
    title = models.CharField(max_length=120, blank=True, help_text="Short heading, for example: Snow disruption.")
    message = models.TextField(blank=True, help_text="One or two plain sentences. Say what residents should do.")
    link_url = models.CharField(max_length=255, blank=True, help_text="Optional page for more information.")
    link_text = models.CharField(max_length=80, blank=True)
    ends_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The banner hides itself after this time. Leave empty to show until switched off.",
    )

    panels = [
        FieldPanel("is_active"),
        FieldPanel("severity"),
        FieldPanel("title"),
        FieldPanel("message"),
        MultiFieldPanel(
            [FieldPanel("link_url", heading="Link address"), FieldPanel("link_text")], heading="More information"
        ),
        FieldPanel("ends_at"),
    ]

    class Meta:
        verbose_name = "Alert banner"

    def is_showing(self, now=None):
        now = now or timezone.now()
        return self.is_active and bool(self.message) and (self.ends_at is None or self.ends_at > now)


class ScheduledRun(models.Model):
    """When a scheduled job (sitewide.scheduled) last started, and what it said."""

    name = models.CharField(max_length=100, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return f"{self.name}: {self.last_started_at}"


class CouncilTeam(models.Model):
    """A group of staff that works for a council: its members see that council's pages, requests, chats and
    feedback in the admin. A group with several councils is a shared team (a joint committee's customer
    service for its partner councils); a group with none works for the default council (sitewide.council_staff)."""

    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="councils")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="teams", verbose_name="council")

    class Meta:
        verbose_name = "council's team"
        verbose_name_plural = "councils' teams"
        constraints = [models.UniqueConstraint(fields=["group", "site"], name="one_row_per_group_and_council")]

    def __str__(self):
        return f"{self.group.name}: {self.site.site_name or self.site.hostname}"
