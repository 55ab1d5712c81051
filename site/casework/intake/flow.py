"""One request being taken in: a form's definition, the answers so far and new answers, and what follows from
them (which step is next, whether the answers are complete, what is due). No request, session or page: the
page's routes (cms_pages.TaskFormPage) keep the answers between pages (casework.intake.drafts) and speak HTTP.
"""
from decimal import Decimal
from functools import cached_property

from kit.text import clean_text

from . import pricing, steps, uploads
from .definition import PICK_AGAIN, SERVICES_QUESTION, QuestionRole
from .questions import PHOTO_FIELD, PaymentAmountField

KEPT_BEYOND_MAX_LENGTH = 1000  # room to show "too long" and let the resident shorten it
KEPT_WITHOUT_MAX_LENGTH = 1000  # numbers, dates and choices
MAX_LIST_ITEMS = 100
MAX_DETAILS = 1000  # what the resident told the chat assistant, put in the form for them to check


def bounded(value, limit):
    if isinstance(value, str):
        return value[:limit]
    if isinstance(value, list | tuple):
        return [bounded(item, limit) for item in list(value)[:MAX_LIST_ITEMS]]
    return value


class Intake:
    """Answers are kept as typed, even when wrong, so nothing is lost: each at most a little more than its
    question allows, and a list at most as long as its choices. `photo` is the stored upload ({id, name})."""

    def __init__(self, definition, answers=None, photo=None, prefilled=()):
        self.definition = definition
        self.answers = dict(answers or {})
        self.photo = photo
        self.prefilled = set(prefilled) & set(self.answers)  # filled for the resident (casework.intake.prefill)

    @property
    def steps(self):
        return self.definition.steps

    def has_step(self, number):
        return 1 <= number <= len(self.steps)

    def questions_of(self, number):
        """The names of the questions on step `number` (from 1)."""
        return self.steps[number - 1]

    def next_step(self, number):
        """The step after `number` that asks something we did not fill in for the resident, or None after the last
        one (then: Check your answers, where what we filled in shows with a Change link)."""
        return next(
            (later for later in range(number + 1, len(self.steps) + 1) if not self.answered_for_them(later)), None
        )

    def answered_for_them(self, number):
        """Every question on step `number` was filled in for the resident, rightly."""
        names = self.questions_of(number)
        return all(name in self.prefilled for name in names) and not any(
            name in self.whole_form.errors for name in names
        )

    def form(self, number=None, **kwargs):
        """The Django form of step `number`'s questions (every question when None). A "tell us once" form offers
        the services the other answers make apply."""
        form = self.definition.form_class(**kwargs)
        if SERVICES_QUESTION in form.fields:
            alone = number is not None and self.questions_of(number) == [SERVICES_QUESTION]
            # On a page of its own, or to check answers: only what the answers so far make apply. Asked with the
            # questions that decide it (one page for staff): all, and the check then goes by the answers given.
            self.offer_services(form, everything=not (alone or form.is_bound))
        if number is not None:
            names = self.questions_of(number)
            for name in list(form.fields):
                if name not in names:
                    del form.fields[name]
        return form

    def offer_services(self, form, everything=False):
        services = self.definition.services if everything else self.definition.services_for(self.answers)
        field = form.fields[SERVICES_QUESTION]
        field.choices = [(service.label, service.label) for service in services]
        field.error_messages["invalid_choice"] = PICK_AGAIN

    def typed(self, number, data, files=None):
        """What was posted for step `number`'s questions, as the browser sent it."""
        form = self.form(number)
        return {name: field.widget.value_from_datadict(data, files or {}, name) for name, field in form.fields.items()}

    def take(self, number, data, files=None):
        """Keep what was posted for step `number` (even if wrong) and return the step's form, bound to it, to
        check. A priced question may depend on an answer given on another step."""
        form = self.form(number, data=data, files=files)
        form.answers_so_far = self.answers
        for name, field in form.fields.items():
            if name == PHOTO_FIELD:
                continue
            max_length = getattr(field, "max_length", None)
            limit = max_length + KEPT_BEYOND_MAX_LENGTH if max_length else KEPT_WITHOUT_MAX_LENGTH
            self.answers[name] = bounded(field.widget.value_from_datadict(data, files or {}, name), limit)
        self.__dict__.pop("whole_form", None)
        self.__dict__.pop("amount_due", None)
        if SERVICES_QUESTION in form.fields:
            self.offer_services(form)  # by the answers just given, on the same page or before
        return form

    def store_photo(self, uploaded):
        """Store a checked photo at once (casework.intake.uploads); it replaces the one sent before."""
        self.photo = uploads.store(uploaded, self.photo)

    def prefill(self, values):
        """Fill the unanswered questions among `values` ({name: answer}, casework.intake.prefill) and remember
        they were filled for the resident. Never overwrites an answer. Returns the names filled."""
        filled = set()
        for name, value in values.items():
            if name in self.definition.form_class.base_fields and not self.answers.get(name):
                self.answers[name] = bounded(value, KEPT_WITHOUT_MAX_LENGTH)
                filled.add(name)
        self.prefilled |= filled
        self.__dict__.pop("whole_form", None)
        self.__dict__.pop("amount_due", None)
        return filled

    def prefill_details(self, text):
        """Put what the resident already said into the question that asks for a description (or else the form's
        first long-answer question), unless they have answered it: they see it on its step, and change it or send
        it as it is. True when it was put there."""
        text = clean_text(text or "").strip()[:MAX_DETAILS]
        question = self.definition.question_for(QuestionRole.DESCRIPTION) or next(
            (q for q in self.definition.questions if q.field_type == "multiline"), None
        )
        if not text or question is None or self.answers.get(question.name):
            return False
        self.answers[question.name] = text
        self.__dict__.pop("whole_form", None)
        return True

    @cached_property
    def whole_form(self):
        """Every answer so far, checked together as one form."""
        form = self.form(data=steps.as_post_data(self.definition.form_class, self.answers))
        form.is_valid()
        return form

    @property
    def is_complete(self):
        return self.whole_form.is_valid()

    @property
    def current_step(self):
        """The first step with a question still to answer (or answered wrongly); None when all are answered."""
        if self.is_complete:
            return None
        return steps.first_invalid_step(self.whole_form, self.steps)

    def answer_rows(self):
        """[{label, value, step, field_id}] in the order asked, for Check your answers and the request."""
        return steps.answer_rows(self.whole_form, self.steps, self.photo)

    @cached_property
    def amount_due(self):
        """In pence: what the answers come to in the form's price table (any task), or, on a pay task without one,
        the answer to the amount-to-pay question. None when there is nothing to pay."""
        form, table = self.whole_form, self.definition.prices
        if table:
            return pricing.charge(table, form) or None
        if self.definition.task_kind != "pay":
            return None
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if isinstance(field, PaymentAmountField) and isinstance(value, Decimal):
                return int(value * 100)
        return None
