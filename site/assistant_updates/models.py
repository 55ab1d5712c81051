"""One run of "Update the assistant": who started it, what it was trained on, how it scored, what happened."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class AssistantUpdate(models.Model):
    class Outcome(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Training and testing"
        LIVE = "live", "Live"
        REPLACED = "replaced", "Was live, replaced by a later update"
        UNCHANGED = "unchanged", "Nothing to update: the live assistant already has this content"
        REFUSED = "refused", "Refused: failed its tests, never went live"
        FAILED = "failed", "Failed to run"
        ROLLED_BACK = "rolled_back", "Rolled back"

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_by_name = models.CharField(max_length=150, blank=True, help_text="Kept if the user is deleted.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.QUEUED)
    step = models.CharField(max_length=100, blank=True, help_text="What the run is doing now, or last did.")
    fingerprint = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the exported training data.")
    pages = models.PositiveIntegerField(default=0, help_text="Chat-enabled pages in the training data.")
    questions = models.PositiveIntegerField(default=0)
    scores = models.JSONField(default=dict, blank=True, help_text="Held-out F1, the live model's F1, per-page recall.")
    reasons = models.JSONField(default=list, blank=True, help_text="Why it was refused or failed, in plain words.")
    trained_on = models.JSONField(
        default=dict, blank=True,
        help_text="What it learned from each page: {chat key: {title, path, digest of its kind and questions}}.",
    )
    changes = models.JSONField(
        null=True, blank=True,
        help_text="Pages it learned new, again or dropped, against the live assistant ([] none; null: not known).",
    )
    model_file = models.CharField(max_length=500, blank=True, help_text="The candidate model this run trained.")
    previous_model_file = models.CharField(max_length=500, blank=True, help_text="What was live before it.")

    class Meta:
        ordering = ["-created_at"]
        permissions = [("run_assistant_update", "Can update the chat assistant and roll it back")]

    def __str__(self):
        return f"Update {self.pk} ({self.get_outcome_display()})"

    @property
    def duration_seconds(self):
        if self.started_at and self.finished_at:
            return int((self.finished_at - self.started_at).total_seconds())
        return None

    @property
    def is_finished(self):
        return self.outcome not in (self.Outcome.QUEUED, self.Outcome.RUNNING)
