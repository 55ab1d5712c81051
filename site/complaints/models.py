"""A complaint moves through stages (stage 1, stage 2, referred to the Ombudsman), each with a deadline in working
days and a named owner; when it is upheld, the lesson is recorded beside the page or form it concerns."""
from django.conf import settings
from django.db import models
from django.utils import timezone

from casework.models import Submission


class Stage(models.TextChoices):
    STAGE_1 = "stage_1", "Stage 1"
    STAGE_2 = "stage_2", "Stage 2"
    OMBUDSMAN = "ombudsman", "Referred to the Ombudsman"


class Outcome(models.TextChoices):
    NONE = "", "Not decided yet"
    UPHELD = "upheld", "Upheld"
    PARTLY = "partly", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


UPHELD = (Outcome.UPHELD, Outcome.PARTLY)


class Complaint(models.Model):
    request = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="complaint", editable=False)
    service_area = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.STAGE_1)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Who answers this stage. They are emailed when it is overdue.",
    )
    stage_started_at = models.DateTimeField(default=timezone.now, editable=False)
    due_by = models.DateField(null=True, blank=True, editable=False, help_text="None once with the Ombudsman")
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.NONE, blank=True)
    lesson = models.TextField(
        "What we learned", blank=True,
        help_text="For an upheld complaint: what we change, in a sentence or two. The page's editors see it.",
    )
    concerns = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints",
        verbose_name="The page or form it concerns",
    )

    class Meta:
        ordering = ["due_by", "-stage_started_at"]

    def __str__(self):
        return f"{self.request.reference} ({self.get_stage_display()})"

    @property
    def is_overdue(self):
        return bool(self.due_by) and self.answered_at is None and self.due_by < timezone.localdate()

    @property
    def answered_on_time(self):
        return bool(self.answered_at and self.due_by) and timezone.localdate(self.answered_at) <= self.due_by
