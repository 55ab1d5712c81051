"""Answers kept server-side in the resident's session until the form is sent, including answers that failed a
check, so nothing typed is lost; the photo waiting to be joined to the request; and, once sent, which request
the confirmation page shows. Each form's draft is under its own key (the form's id). What is kept is bounded by
the Intake (casework.intake.flow).
"""
from .flow import Intake

# ?details= on a form's start: what the resident already told the chat assistant ("the crew left rubbish
# everywhere"), put in the form's first long-answer question for them to check (Intake.prefill_details).
DETAILS_PARAM = "details"


def draft_key(form_id):
    return f"taskform:{form_id}"


def last_sent_key(form_id):
    return f"{draft_key(form_id)}:last"


def load(session, definition):
    """The Intake of this form with the answers kept in the session so far."""
    draft = session.get(draft_key(definition.form_id)) or {}
    return Intake(definition, draft.get("values"), draft.get("photo"))


def save(session, intake):
    session[draft_key(intake.definition.form_id)] = {"values": intake.answers, "photo": intake.photo}
    session.modified = True


def clear(session, form_id):
    session.pop(draft_key(form_id), None)


def remember_sent(session, submission):
    """The form is sent: its draft goes, and the confirmation page (and payment) show this request."""
    clear(session, submission.page_id)
    session[last_sent_key(submission.page_id)] = submission.pk


def last_sent(session, form_id):
    return session.get(last_sent_key(form_id))
