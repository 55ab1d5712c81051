"""What the chat assistant needs from the web app: demo bin rounds, unanswered questions, handoffs."""
import secrets

from django.db import models


class CollectionRound(models.Model):
    """Demo collection data: which weekday a postcode sector's bins go out, and which week is recycling."""

    postcode_sector = models.CharField(max_length=8, unique=True, help_text="For example: WM1 1")
    weekday = models.PositiveSmallIntegerField(help_text="0 is Monday, 4 is Friday.")
    recycling_on_even_weeks = models.BooleanField(default=True)

    class Meta:
        ordering = ["postcode_sector"]

    def __str__(self):
        return self.postcode_sector


class UnansweredQuestion(models.Model):
    """A question the bot could not answer, for editors to act on (personal data removed)."""

    text = models.CharField(max_length=500)
    intent = models.CharField(max_length=100, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    page_url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dealt_with = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text


def new_handoff_reference():
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L to misread
    return "HO-" + "".join(secrets.choice(alphabet) for _ in range(6))


class HandoffRequest(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a person"
        OUT_OF_HOURS = "out_of_hours", "Out of hours"
        CLAIMED = "claimed", "With a person"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=12, unique=True, default=new_handoff_reference)
    sender_id = models.CharField(max_length=100, db_index=True)
    topic = models.CharField(max_length=100, blank=True)
    page_url = models.CharField(max_length=255, blank=True)
    transcript = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference
