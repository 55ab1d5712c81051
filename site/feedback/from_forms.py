"""Comments, compliments and complaints sent through an online form reach the Resident feedback dashboard.

A form's questions say explicitly what they tell the dashboard (TaskFormField.feedback_role): the
category, the service and the resident's own words. Only those answers are used, redacted; names and
emails stay with the request, which staff handle in Requests. Any request counts, whichever channel
entered it, so a complaint taken by phone and typed into the form shows too.
"""
from django.db.models.signals import post_save
from django.dispatch import receiver

from casework.models import Submission
from cms_pages.models import ServiceAreaPage
from cms_pages.models.forms import FeedbackRole

from .services import record_service_comment

CATEGORY_WORDS = (("complain", "complaint"), ("compliment", "compliment"))  # anything else is a comment


def category_of(answer):
    answer = str(answer or "").lower()
    return next((category for word, category in CATEGORY_WORDS if word in answer), "comment")


def service_area_named(answer):
    """The service area whose title is the answer, or starts with it ("Parking" -> "Parking and roads")."""
    answer = " ".join(str(answer or "").split()).lower()
    if not answer:
        return None
    areas = list(ServiceAreaPage.objects.live())
    return next((area for area in areas if area.title.lower() == answer), None) or next(
        (area for area in areas if area.title.lower().startswith(answer + " ")), None
    )


def answers_by_role(submission):
    page = submission.page.specific if submission.page_id else None
    fields = getattr(page, "form_fields", None)
    if fields is None:
        return {}
    by_role = {}
    for field in fields.exclude(feedback_role=FeedbackRole.NONE):
        value = submission.form_data.get(field.clean_name)
        if value not in (None, "", []):
            by_role.setdefault(field.feedback_role, []).append(", ".join(value) if isinstance(value, list) else value)
    return by_role


@receiver(post_save, sender=Submission, dispatch_uid="feedback_from_forms")
def record_feedback_from_form(sender, instance, created, **kwargs):
    if not created:
        return
    answers = answers_by_role(instance)
    if FeedbackRole.CATEGORY not in answers and FeedbackRole.TEXT not in answers:
        return
    record_service_comment(
        category_of((answers.get(FeedbackRole.CATEGORY) or [""])[0]),
        "\n".join(str(text) for text in answers.get(FeedbackRole.TEXT, [])),
        service_area=service_area_named((answers.get(FeedbackRole.SERVICE) or [""])[0]),
        reference=instance.reference,
    )
