"""An online form as plain values: its questions, its steps, its prices and what the task promises.

The page (cms_pages.TaskFormPage.form_definition) writes it once per request; everything in casework.intake reads
it and calls nothing on the page. A test, or another way in (staff filling a form for a caller), can write one
from a dict (`FormDefinition.from_dict`).
"""
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db import models

from casework.prices import Price, PriceTable

from . import steps
from .questions import TaskFormBuilder, Validation, with_photo

DEFAULT_SERVICE_STANDARD = "We will reply within 5 working days."
DEFAULT_WORKING_DAYS = 5
WORKING_DAYS = re.compile(r"\b(\d+) working days?\b", re.IGNORECASE)
# Bank details in an email show only their last digits: an email passes through servers and inboxes the council
# does not control. Staff see them whole in the admin.
DIGITS_SHOWN_IN_EMAILS = {Validation.SORT_CODE: 2, Validation.ACCOUNT_NUMBER: 4}


class QuestionRole(models.TextChoices):
    """What a question asks for, chosen by the editor, so staff-filled forms, My Account and what the resident told
    the assistant can fill it in (casework.intake.prefill)."""

    NONE = "", "None of these"
    NAME = "name", "The resident's name"
    EMAIL = "email", "Their email address"
    PHONE = "phone", "Their phone number"
    ADDRESS = "address", "Their address or property (postcode, address or UPRN)"
    DESCRIPTION = "description", "What they tell us about it (a description)"
    KIND = "kind", "Which one it is about (the assistant picks the choice from what they said)"


def obvious_role(field_type, validation):
    """The role a question's kind or check already says: an email question, a UK phone or postcode check."""
    if field_type == "email":
        return QuestionRole.EMAIL
    return {Validation.PHONE: QuestionRole.PHONE, Validation.POSTCODE: QuestionRole.ADDRESS}.get(
        validation, QuestionRole.NONE
    )


@dataclass(frozen=True)
class Question:
    """One question as the editor wrote it. It has the attributes Wagtail's form builder reads (clean_name,
    field_type, label, required, choices, default_value, help_text), so TaskFormBuilder builds its field."""

    name: str
    label: str
    field_type: str = "singleline"
    required: bool = False
    choices: tuple = ()
    help_text: str = ""
    default_value: str = ""
    validation: str = Validation.NONE  # the editor's check (casework.intake.questions.Validation)
    price_role: str = ""  # casework.intake.pricing.PriceRole
    feedback_role: str = ""  # feedback.roles.FeedbackRole: what it tells the Resident feedback dashboard
    role: str = QuestionRole.NONE

    @property
    def clean_name(self):
        return self.name


SERVICES_QUESTION = "services_to_tell"
SERVICES_LABEL = "What should we do for you?"
SERVICES_HINT = "Select all that apply. Each goes to the team that does it, with its own reference number."
PICK_AGAIN = "Select what we should do for you again: the choices depend on your answers, and they have changed"


@dataclass(frozen=True)
class ServiceToTell:
    """One service a "tell us once" form passes the request on to, as its own request (with its own reference,
    team and status) under the one the resident sent: the Council Tax account, bins at a new address..."""

    label: str  # the tick box: "Bins: order bins for your new home"
    form_id: int  # the service's own online form: its requests, and so its team, get this part
    task_title: str  # the part's title, as its team and the resident read it
    only_when: tuple = ()  # answers that make it apply ("Moving within Westmere"); empty: always
    service_standard: str = DEFAULT_SERVICE_STANDARD
    working_days: int | None = DEFAULT_WORKING_DAYS
    team_address: str = ""

    def applies(self, answers):
        if not self.only_when:
            return True
        given = set()
        for value in answers.values():
            given.update(value if isinstance(value, list | tuple) else [value])
        return any(str(answer) in self.only_when for answer in given if answer)


@dataclass(frozen=True)
class FormDefinition:
    form_id: int | None = None  # the online form's page: the request's `page`
    questions: tuple = ()
    prices: PriceTable = field(default_factory=PriceTable)
    photo_upload: bool = False
    task_title: str = ""
    task_kind: str = ""  # "pay" tasks without a price table charge the answer to the amount question
    service_standard: str = DEFAULT_SERVICE_STANDARD  # the promise as residents read it
    working_days: int | None = DEFAULT_WORKING_DAYS  # the promise as a number; None: no timescale in working days
    thank_you_text: str = ""  # what residents should know or do next (confirmation page and email)
    team_address: str = ""  # where the team's email about each request goes
    services: tuple = ()  # ServiceToTell: a "tell us once" form asks which, last, and files a request with each
    signposts: str = ""  # HTML: what the resident must do themselves, under those choices and when it is sent
    postcode_example: str = ""  # one of the form's council's postcodes ("like FL1 2AB"); "": the default's

    def __post_init__(self):
        if self.services and not any(q.name == SERVICES_QUESTION for q in self.questions):
            choices = tuple(service.label for service in self.services)
            asked = Question(SERVICES_QUESTION, SERVICES_LABEL, "checkboxes", True, choices, SERVICES_HINT)
            object.__setattr__(self, "questions", (*self.questions, asked))

    def services_for(self, answers):
        """The services the answers so far make apply, in the editor's order."""
        return [service for service in self.services if service.applies(answers)]

    def services_chosen(self, answers):
        chosen = set(answers.get(SERVICES_QUESTION) or ())
        return [service for service in self.services_for(answers) if service.label in chosen]

    @classmethod
    def from_dict(cls, data):
        """{"questions": [{"name", "label", ...}], "prices": {"prices": [{"option", "pence", ...}], ...}, ...}"""
        data = dict(data)
        questions = tuple(
            Question(**{**question, "choices": tuple(question.get("choices", ()))})
            for question in data.pop("questions", ())
        )
        services = tuple(
            ServiceToTell(**{**service, "only_when": tuple(service.get("only_when", ()))})
            for service in data.pop("services", ())
        )
        prices = dict(data.pop("prices", None) or {})
        table = PriceTable(**{**prices, "prices": tuple(Price(**row) for row in prices.get("prices", ()))})
        return cls(questions=questions, prices=table, services=services, **data)

    @cached_property
    def form_class(self):
        """The Django form of every question, with GOV.UK checks and messages (casework.intake.questions)."""
        form_class = TaskFormBuilder(
            self.questions, prices=self.prices, postcode_example=self.postcode_example
        ).get_form_class()
        return with_photo(form_class) if self.photo_upload else form_class

    @cached_property
    def steps(self):
        """The question names on each page of the form, in order."""
        return steps.plan_steps(self.questions, self.form_class)

    def question_for(self, role):
        """The first question the editor marked with `role`, or else the first whose kind says it."""
        return next((q for q in self.questions if q.role == role), None) or next(
            (q for q in self.questions if not q.role and obvious_role(q.field_type, q.validation) == role), None
        )

    def plays(self, question, role):
        """Whether the question asks for `role`: the editor marked it so, or, unmarked, its kind says it."""
        if question.role:
            return question.role == role
        return obvious_role(question.field_type, question.validation) == role

    def answers_for_email(self, answers):
        """A request's [label, answer] pairs as an email may show them: bank details only by their last digits
        (by the checks editors set on the questions, not by their words)."""
        shown = {q.label: DIGITS_SHOWN_IN_EMAILS[q.validation] for q in self.questions
                 if q.validation in DIGITS_SHOWN_IN_EMAILS}
        return [[label, f"ending in {answer[-shown[label]:]}" if label in shown and answer else answer]
                for label, answer in answers]


def working_days_said(promise):
    """The numbers of working days a promise states, in its order ("within 5 working days, or 1 working day if it
    is dangerous" -> [5, 1]); empty when it gives its timescale another way."""
    return [int(days) for days in WORKING_DAYS.findall(promise or "")]


def fill_working_days(rows):
    """Once, for forms and requests saved before editors set the number (their migrations): the first number
    of working days each one's promise states, none when it gives its timescale another way."""
    for pk, promise in list(rows.values_list("pk", "service_standard")):
        rows.filter(pk=pk).update(working_days=next(iter(working_days_said(promise)), None))
