"""A resident's new details on their open requests, when they ask for it: the answers to the questions marked as
their name and phone number (by the roles editors gave them), and how they want updates. Closed requests keep
what was sent: they are the record of what happened."""
from casework.intake.definition import QuestionRole
from casework.models import Status

from .services import requests_for


def open_requests(user):
    return requests_for(user).exclude(status__in=[Status.DONE, Status.CLOSED])


def use_new_details(user, profile):
    """Write the profile's name and phone number into the user's open requests. Returns how many changed."""
    changed = 0
    for submission in open_requests(user).select_related("page"):
        if _rewrite(submission, profile):
            changed += 1
    return changed


def use_new_contact_choice(user, contact_by):
    """How they want updates applies to every open request of theirs at once: it is about them, not the request."""
    return open_requests(user).update(contact_by=contact_by)


def _rewrite(submission, profile):
    page = submission.page.specific if submission.page_id else None
    definition = page.form_definition() if hasattr(page, "form_definition") else None
    new = {QuestionRole.NAME: profile.full_name, QuestionRole.PHONE: profile.phone}
    data, answers = dict(submission.form_data), [list(row) for row in submission.answers]
    for question in definition.questions if definition else ():
        value = next((value for role, value in new.items() if value and definition.plays(question, role)), None)
        if value is None or question.name not in data:
            continue
        data[question.name] = value
        answers = [[label, value if label == question.label else answer] for label, answer in answers]
    fields = []
    if data != submission.form_data:
        submission.form_data, submission.answers = data, answers
        fields += ["form_data", "answers"]
    if profile.phone and submission.phone != profile.phone:
        submission.phone = profile.phone
        fields.append("phone")
    if fields:
        submission.save(update_fields=fields + ["updated_at"])
    return bool(fields)
