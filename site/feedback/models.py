"""What residents tell us: "Is this page useful?" answers and comments, compliments and complaints.

No personal data: no name, email, IP address, session or user is stored, and free text has emails,
phone numbers and postcodes replaced (assistant.redaction.redact) before it is saved.
"""

from django.db import models
from django.utils import timezone


class PageFeedback(models.Model):
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    path = models.CharField(max_length=255, help_text="The address the resident was on.")
    # The council whose site it came from: its editors act on it. None (older rows): the default council. What
    # is about a page (or a service area) is the council's whose tree the page is in; this is for the rest.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="council"
    )
    service_area = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    useful = models.BooleanField()
    trying_to_do = models.TextField("What they were trying to do", blank=True, help_text="Personal data redacted.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    dealt_with = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"
        permissions = [("view_feedback_dashboard", "Can view the resident feedback dashboard")]

    def __str__(self):
        return f"{self.path}: {'useful' if self.useful else 'not useful'}"


class ChatAnswerFeedback(models.Model):
    """"Did this answer help?" on a page's answer in the chat widget: one answer per conversation and page.

    The conversation is kept only as a hash of the widget's random id, so a resident who changes their
    mind replaces their answer instead of adding another.
    """

    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    chat_key = models.CharField(max_length=60)
    path = models.CharField(max_length=255, help_text="The page the answer came from.")
    service_area = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conversation = models.CharField(max_length=64, help_text="A hash of the chat widget's conversation id.")
    helpful = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "chat answer feedback"
        verbose_name_plural = "chat answer feedback"
        constraints = [
            models.UniqueConstraint(fields=["conversation", "chat_key"], name="one_chat_answer_feedback_per_page")
        ]

    def __str__(self):
        return f"{self.path}: {'helped' if self.helpful else 'did not help'}"


class ServiceComment(models.Model):
    class Category(models.TextChoices):
        COMMENT = "comment", "Comment"
        COMPLIMENT = "compliment", "Compliment"
        COMPLAINT = "complaint", "Complaint"

    category = models.CharField(max_length=12, choices=Category.choices)
    service_area = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True, help_text="Personal data redacted.")
    reference = models.CharField(max_length=40, blank=True, help_text="The case reference, if the form made one.")
    # The council whose site it came from: its editors act on it. None (older rows): the default council. What
    # is about a page (or a service area) is the council's whose tree the page is in; this is for the rest.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="council"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    dealt_with = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.text[:40]}"


class HandledSearch(models.Model):
    """A search (its normalised words) an editor has dealt with, so it leaves the dashboard's to-do lists."""

    query = models.CharField(max_length=255)
    # Whose searches: a search dealt with for one council is still to do for another. None: the default council.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="council"
    )
    dealt_with_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["query", "site"], name="one_handled_search_per_council")]

    def __str__(self):
        return self.query
