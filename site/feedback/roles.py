"""What a question of an online form tells the Resident feedback dashboard. The feedback app owns the words;
editors set one per question of a comments, compliments and complaints form (cms_pages.TaskFormField)."""
from django.db import models


class FeedbackRole(models.TextChoices):
    """Set per question, never guessed from its label."""

    NONE = "", "Nothing"
    CATEGORY = "category", "Whether it is a complaint, a compliment or a comment"
    SERVICE = "service", "Which service it is about (answers named like the service areas)"
    TEXT = "text", "What the resident tells us"
