"""Site-wide settings editors change in the Wagtail admin: council contact details and the alert banner."""
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class CouncilSettings(BaseSiteSetting):
    name = models.CharField(max_length=100, default="Westmere District Council")
    phone = models.CharField(max_length=30, help_text="Main phone number, for example 01632 960000.")
    out_of_hours_phone = models.CharField(
        max_length=30, blank=True, help_text="For emergencies when the offices are closed."
    )
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=255)
    opening_hours = models.CharField(max_length=255, help_text="For example: Monday to Friday, 9am to 5pm.")

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("out_of_hours_phone"), FieldPanel("email")], heading="Contact"
        ),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
    ]

    class Meta:
        verbose_name = "Council contact details"


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
