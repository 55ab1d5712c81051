"""Comments, compliments and complaints sent through an online form reach the Resident feedback dashboard.

A form's questions say explicitly what they tell the dashboard (TaskFormField.feedback_role): the
category, the service and the resident's own words. Only those answers are used, redacted; names and
emails stay with the request, which staff handle in Requests. Any request counts, whichever channel
entered it, so a complaint taken by phone and typed into the form shows too. It is one of the steps after a
request is sent that casework.intake.submit.submit lists: its `request_received` signal calls the receiver.
"""

from django.dispatch import receiver
from wagtail.models import Page

from casework.intake.submit import request_received
from sitewide.councils import in_council, site_for_page
from sitewide.pages import ServiceArea

from .roles import FeedbackRole
from .services import record_service_comment

CATEGORY_WORDS = (("complain", "complaint"), ("compliment", "compliment"))  # anything else is a comment


def category_of(answer):
    answer = str(answer or "").lower()
    return next((category for word, category in CATEGORY_WORDS if word in answer), "comment")


def service_area_named(answer, site=None):
    """The service area (of `site`'s council, if given) whose title is the answer, or starts with it ("Parking" ->
    "Parking and roads")."""
    answer = " ".join(str(answer or "").split()).lower()
    if not answer:
        return None
    areas = Page.objects.type(ServiceArea).live()
    areas = list(areas.filter(in_council(site)) if site is not None else areas)
    return next((area for area in areas if area.title.lower() == answer), None) or next(
        (area for area in areas if area.title.lower().startswith(answer + " ")), None
    )


def answers_by_role(submission, questions):
    by_role = {}
    for question in questions:
        if question.feedback_role == FeedbackRole.NONE:
            continue
        value = submission.form_data.get(question.name)
        if value not in (None, "", []):
            answer = ", ".join(value) if isinstance(value, list) else value
            by_role.setdefault(question.feedback_role, []).append(answer)
    return by_role


def what_it_tells(submission, definition):
    """(category, the resident's words, service area) from the questions marked for the dashboard, or None when
    the form has none (it is no comments, compliments and complaints form). The service is one of the council's
    whose form it was."""
    answers = answers_by_role(submission, definition.questions)
    if FeedbackRole.CATEGORY not in answers and FeedbackRole.TEXT not in answers:
        return None
    return (
        category_of((answers.get(FeedbackRole.CATEGORY) or [""])[0]),
        "\n".join(str(text) for text in answers.get(FeedbackRole.TEXT, [])),
        service_area_named((answers.get(FeedbackRole.SERVICE) or [""])[0], site_for_page(submission.page)),
    )


@receiver(request_received, dispatch_uid="feedback_from_forms")
def record_feedback_from_form(sender, submission, definition, **kwargs):
    told = what_it_tells(submission, definition)
    if told:
        category, text, area = told
        record_service_comment(
            category, text, service_area=area, reference=submission.reference, site=site_for_page(submission.page)
        )
