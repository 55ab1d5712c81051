"""Short links for posters, letters and social media posts (/go/<name>), and the visits that came through them.

A visit is counted once, when the link is followed: no cookie, no third-party analytics. The campaign then travels
in the landing page's address (?campaign=<name>) for that visit only: into the chat's first message and the draft
of a form started from the page (campaigns.links)."""
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class CampaignLink(models.Model):
    name = models.SlugField(
        "Short name", max_length=40, unique=True,
        help_text="The end of the short link: /go/bin-day-poster. Lower case letters, numbers and hyphens.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The page it leads to.",
    )
    section = models.SlugField(
        "Section", max_length=100, blank=True,
        help_text="A heading on that page to open at, as its link ends after # (for example: what-goes-in).",
    )
    question = models.CharField(
        "Or a question for the assistant", max_length=200, blank=True,
        help_text="Instead of a page: the question whose answer it opens, for example: when is my bin day?",
    )
    campaign = models.CharField(max_length=100, help_text="What it is for: Garden waste spring 2027.")
    source = models.CharField(max_length=100, blank=True, help_text="Where it is posted: Facebook, bus stop poster.")
    medium = models.CharField(max_length=100, blank=True, help_text="What kind: social, poster, letter, email.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "campaign link"

    def __str__(self):
        return f"/go/{self.name} ({self.campaign})"

    @admin.display(description="Visits")
    def visit_count(self):
        return self.visits.count()

    def clean(self):
        if bool(self.page_id) == bool(self.question.strip()):
            raise ValidationError({"page": "Choose a page, or type a question for the assistant: one of the two."})
        if self.section and not self.page_id:
            raise ValidationError({"section": "A section is a heading on the page you choose."})


class CampaignVisit(models.Model):
    """One arrival through a campaign link: when, and nothing about who."""

    link = models.ForeignKey(CampaignLink, on_delete=models.CASCADE, related_name="visits")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.link.name} at {self.at:%d %b %Y %H:%M}"
