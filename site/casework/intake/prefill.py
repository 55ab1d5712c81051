"""Filling a form's questions with what we already know, by the roles editors gave the questions (never by their
words): a signed-in resident's details (accounts.prefill.known_about), and what they told the chat assistant
before pressing Start now (what it is about, what happened).

Only empty answers are filled, so nothing the resident typed is ever overwritten. The Intake remembers which
answers it filled for them: the steps that ask only those are passed over, and "Check your answers" shows them
with a Change link (casework.intake.flow.Intake.next_step).
"""
import re
from dataclasses import dataclass

from .definition import QuestionRole
from .questions import Validation

TEXT_TYPES = {"singleline", "multiline", "email"}
ONE_CHOICE_TYPES = {"radio", "dropdown"}
MANY_CHOICE_TYPES = {"checkboxes", "multiselect"}
WORD = re.compile(r"[a-z0-9]+")
STEM_LENGTH = 5  # "recycling" and "recycle", "collected" and "collection" share their first letters
MAX_SAID = 500


@dataclass(frozen=True)
class KnownAddress:
    postcode: str
    lines: str  # "Flat 1, 9 Market Street, Westmere": the address without its postcode
    uprn: str = ""

    @property
    def full(self):
        return f"{self.lines}, {self.postcode}" if self.postcode else self.lines


@dataclass(frozen=True)
class Known:
    """What a resident's account tells us about them. Empty values fill nothing."""

    name: str = ""
    email: str = ""
    phone: str = ""
    address: KnownAddress | None = None


def answers_from(definition, known):
    """{question name: answer} for the questions whose role the account can answer."""
    asks_postcode_apart = any(
        q.validation == Validation.POSTCODE and definition.plays(q, QuestionRole.ADDRESS) for q in definition.questions
    )
    found = {}
    for question in definition.questions:
        if question.field_type not in TEXT_TYPES:
            continue
        value = _value_for(definition, question, known, asks_postcode_apart)
        if value:
            found[question.name] = value
    return found


def _value_for(definition, question, known, asks_postcode_apart):
    if definition.plays(question, QuestionRole.NAME):
        return known.name
    if definition.plays(question, QuestionRole.EMAIL):
        return known.email
    if definition.plays(question, QuestionRole.PHONE):
        return known.phone
    if definition.plays(question, QuestionRole.ADDRESS) and known.address:
        if question.validation == Validation.POSTCODE:
            return known.address.postcode
        return known.address.lines if asks_postcode_apart else known.address.full
    return ""


def choice_from_words(definition, said):
    """{name: choice} for the question the editor marked "which one" (QuestionRole.KIND): the one choice whose own
    words the resident used ("my recycling wasn't collected" -> "Recycling (blue bin)"). Words that several
    choices share ("bin") tell nothing; when no choice, or more than one, matches, nothing is chosen."""
    said_stems = {word[:STEM_LENGTH] for word in WORD.findall((said or "")[:MAX_SAID].lower())}
    found = {}
    for question in definition.questions:
        if question.role != QuestionRole.KIND or question.field_type not in ONE_CHOICE_TYPES | MANY_CHOICE_TYPES:
            continue
        stems = {choice: {word[:STEM_LENGTH] for word in WORD.findall(choice.lower())} for choice in question.choices}
        matched = [choice for choice, own in stems.items() if (own - _shared(stems, choice)) & said_stems]
        if len(matched) == 1:
            found[question.name] = matched if question.field_type in MANY_CHOICE_TYPES else matched[0]
    return found


def _shared(stems, choice):
    return set().union(*(other for name, other in stems.items() if name != choice))
