"""Residents' email subscriptions (no account needed): to the changes of a page, or to disruptions of one service
area or of every service. Each is confirmed by a link sent to the address first, and every email has a link that
deletes the subscription, and the address with it, in one click.

Editors decide, when they submit a change to customer-tested publishing, whether the page's subscribers are told
(ChangeNotice); they are told when the change goes live. A disruption is announced once, when it starts.
"""
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

SUMMARY_MAX_LENGTH = 200


def new_token():
    return secrets.token_urlsafe(24)


class EmailSubscription(models.Model):
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class PageSubscription(EmailSubscription):
    """Emails when the page (or a part of it: a guide's parts, a task's online form) changes and the editor asks
    for its subscribers to be told."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "page"], name="page_subscription_once_per_page")]

    def __str__(self):
        return f"Subscription to changes of {self.page.title}"

    def describe(self):
        return f"when the page ‘{self.page.title}’ changes"


class ServiceStatusSubscription(EmailSubscription):
    """Emails when a disruption starts in one service area, or in any service of its council when `area` is empty.

    A subscription belongs to the council whose site it was made on: "every service" is every service of that
    council, and one address may have it on each council's site."""

    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="council",
        help_text="The council whose site it was made on. Empty: the default council's.",
    )
    area = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        help_text="A service area page; empty for every service of the council.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "area"], condition=Q(area__isnull=False), name="service_status_once_per_area"
            ),
            models.UniqueConstraint(
                fields=["email", "site"], condition=Q(area__isnull=True), name="service_status_once_for_all_per_council"
            ),
        ]

    def __str__(self):
        return f"Service status emails for {self.area.title if self.area_id else 'every service'}"

    def describe(self):
        if self.area_id:
            return f"when {self.area.title} services are disrupted"
        return "when any council service is disrupted"


class ChangeNotice(models.Model):
    """What the editor chose when submitting a change: tell the page's subscribers or not, and what changed.
    The newest notice still waiting when the page is published decides; `published_at` marks it done."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    tell_subscribers = models.BooleanField(default=False)
    summary = models.CharField("What changed", max_length=SUMMARY_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, help_text="When the change went live")
    emails_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Change to {self.page_id}: {'tell' if self.tell_subscribers else 'do not tell'} subscribers"


class DisruptionAnnouncement(models.Model):
    """A disruption whose start has been emailed to the service-status subscribers: never twice."""

    disruption = models.OneToOneField("service_status.Disruption", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    emails_sent = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Announced disruption {self.disruption_id}"
