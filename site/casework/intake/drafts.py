"""Answers kept server-side in the resident's session until the form is sent, including answers that failed a
check, so nothing typed is lost; the photo waiting to be joined to the request; and, once sent, which request
the confirmation page shows. Each form's draft is under its own key (the form's id). What is kept is bounded by
the Intake (casework.intake.flow).
"""
from .flow import Intake

# ?details= on a form's start: what the resident already told the chat assistant ("the crew left rubbish
# everywhere"), put in the form for them to check (Intake.prefill_details).
DETAILS_PARAM = "details"
# ?said= on a form's start: the message the assistant answered with this form, to pick the choice of the question
# marked "which one" (casework.intake.prefill.choice_from_words).
SAID_PARAM = "said"


def draft_key(form_id, kind="taskform"):
    return f"{kind}:{form_id}"


def confirmation_key(form_id):
    return f"{draft_key(form_id)}:last"


class Draft:
    """One form's draft in one session: `intake` holds the answers so far; `save()` keeps what changed. `kind`
    keeps apart drafts of the same form by different ways in (a resident's own, staff's for a resident), and
    `extra` holds what a way in asks besides the questions (how the resident contacted staff)."""

    def __init__(self, session, definition, kind="taskform"):
        self.session = session
        self.key = draft_key(definition.form_id, kind)
        kept = session.get(self.key) or {}
        self.intake = Intake(definition, kept.get("values"), kept.get("photo"), kept.get("prefilled") or ())
        self.extra = dict(kept.get("extra") or {})
        self.is_new = not kept

    def save(self):
        self.session[self.key] = {
            "values": self.intake.answers,
            "photo": self.intake.photo,
            "prefilled": sorted(self.intake.prefilled),
            "extra": self.extra,
        }
        self.session.modified = True

    def clear(self):
        self.session.pop(self.key, None)

    def sent(self, submission):
        """The form is sent: the draft goes, and the confirmation page (and payment) show this request."""
        self.clear()
        show_on_confirmation(self.session, submission)


def show_on_confirmation(session, submission):
    session[confirmation_key(submission.page_id)] = submission.pk


def shown_on_confirmation(session, form_id):
    """The id of the request the form's confirmation page shows in this session, if any."""
    return session.get(confirmation_key(form_id))
