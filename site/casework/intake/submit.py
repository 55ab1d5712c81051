"""Sending a form: the request is saved first, before any email or payment, so nothing is lost."""
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import Page

from casework import notifications
from casework.models import Channel, ContactBy, PaymentStatus, Submission
from kit.uk import POSTCODE_IN_TEXT, normalise_postcode, normalise_uk_phone
from kit.working_days import add_working_days
from places.lookups import addresses
from sitewide.councils import site_for_page

from . import uploads
from .definition import QuestionRole
from .parts import file_parts
from .questions import PHOTO_FIELD

# Sent by `submit` once a request is saved, with submission=, definition= and channel=.
request_received = Signal()


class NotComplete(ValueError):
    """The answers are not all there (or not all right): the resident goes back to the first step to fix."""


def submit(intake, submitted_by=None, channel=Channel.ONLINE, taken_by=None, handoff=None, chat_transcript=(),
           contact_by=ContactBy.EMAIL, account_phone="", campaign=""):
    """Save the request from the intake's answers and return it, with its reference. Touches no request, session
    or redirect: every way in (the online form, staff filling it in for a caller) sends it the same way.
    `submitted_by` is the resident's account, if any; `taken_by` the member of staff who filled it in for them
    (casework.assisted); `handoff` the chat handed to a person it came from, whose words ([who, words] lines)
    `chat_transcript` keeps with the request. `contact_by` is how the resident wants updates, and `account_phone`
    the phone number their account keeps, for a form that does not ask for one (accounts.prefill.contact_for);
    `campaign` the campaign link the resident came through on this visit (campaigns).

    What happens after, in this order:
    1. the request is saved (first, so nothing is lost) and gets its reference and its first status, Received
       (casework.models.Submission.save); staff find it at once in Requests (a plain database search, no index);
    2. its photo is joined to it (casework.intake.uploads.attach);
    3. on a "tell us once" form, each service the resident chose gets its own request, a part of this one
       (casework.intake.parts.file_parts);
    4. `request_received` is sent: a comment, compliment or complaint reaches the Resident feedback dashboard
       (feedback.from_forms.record_feedback_from_form), and a complaint opens at stage 1 with its deadline and
       owner (complaints.receivers.open_complaint_from_form);
    5. with nothing to pay, the resident's confirmation and the team's email (each part's team's) are queued
       (casework.notifications.send_request_emails). With something to pay (submission.amount_pence), the
       caller sends the resident to pay (casework.intake.payment.start, from cms_pages.TaskFormPage), and the
       emails go when the payment is taken (casework.intake.payment.confirm).
    """
    if not intake.is_complete:
        raise NotComplete(f"Step {intake.current_step} is not answered")
    definition, form, amount = intake.definition, intake.whole_form, intake.amount_due
    email_question = definition.question_for(QuestionRole.EMAIL)
    phone, postcode = identity(definition, form.cleaned_data)
    submission = Submission(
        page_id=definition.form_id,
        form_data={name: value for name, value in form.cleaned_data.items() if name != PHOTO_FIELD},
        task_title=definition.task_title,
        email=(form.cleaned_data.get(email_question.name) or "") if email_question else "",
        phone=phone or written_as(normalise_uk_phone)(account_phone),
        postcode=postcode,
        uprn=uprn_of(definition, form.cleaned_data, postcode),
        answers=[[row["label"], row["value"]] for row in intake.answer_rows()],
        user=submitted_by,
        channel=channel,
        contact_by=contact_by or ContactBy.EMAIL,
        campaign=campaign[:40],
        taken_by=taken_by,
        handoff=handoff,
        chat_transcript=[list(line) for line in chat_transcript],
        service_standard=definition.service_standard,
        working_days=definition.working_days,
        due_by=add_working_days(timezone.localdate(), definition.working_days) if definition.working_days else None,
        payment_status=PaymentStatus.PENDING if amount else PaymentStatus.NOT_NEEDED,
        amount_pence=amount,
    )
    submission.save()
    uploads.attach(intake.photo, submission)
    file_parts(submission, definition)
    request_received.send(sender=Submission, submission=submission, definition=definition, channel=channel)
    if not amount:
        notifications.send_request_emails(submission, definition)
    return submission


def identity(definition, answers):
    """The resident's phone number and postcode, from the questions that ask for them, written one way
    ("01632960001", "WM1 1AA"), or "" when the form does not ask or the answer is not one."""
    found = []
    for role, normalise in ((QuestionRole.PHONE, normalise_uk_phone), (QuestionRole.ADDRESS, postcode_in)):
        values = [answers.get(q.name) for q in definition.questions if definition.plays(q, role)]
        found.append(next((written for written in map(written_as(normalise), values) if written), ""))
    return found


def postcode_in(text):
    """The postcode an address answer is, or ends with ("9 Market Street, Westmere, WM1 1AA" -> "WM1 1AA")."""
    try:
        return normalise_postcode(text)
    except ValueError:
        found = POSTCODE_IN_TEXT.findall(str(text)[-200:])
        return normalise_postcode(found[-1]) if found else ""


def written_as(normalise):
    def write(value):
        try:
            return normalise(value) if isinstance(value, str) and value.strip() else ""
        except ValueError:
            return ""

    return write


def uprn_of(definition, answers, postcode):
    """The address list's UPRN for the answers to the address questions: the address at that postcode whose first
    line an answer is, or starts ("1 market street", "1 Market Street, Westmere", a line break for the comma),
    in the address list of the form's council. "" if none."""
    if not postcode:
        return ""
    lines = {
        " ".join(", ".join(str(answers.get(q.name) or "").splitlines()).split()).lower()
        for q in definition.questions
        if definition.plays(q, QuestionRole.ADDRESS)
    }
    site = site_for_page(Page.objects.filter(pk=definition.form_id).first())
    for address in addresses(site).filter(postcode=postcode).only("uprn", "line_1"):
        first = address.line_1.lower()
        if any(line == first or line.startswith(first + ",") for line in lines):
            return address.uprn
    return ""
