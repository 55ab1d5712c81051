"""Which query is asked first: a few words must all match, a sentence's words need not."""
import pytest
from wagtail.search.query import And, Or

from search import engine
from search.analysis import analyse
from search.queries import first_query
from search.ranking import PageText, text_score
from search.vocabulary import get_vocabulary

pytestmark = pytest.mark.django_db


def needs_all_of_some_words(query):
    """Whether the query tree asks for every one of some words (an And anywhere in it)."""
    if isinstance(query, And):
        return True
    return isinstance(query, Or) and any(needs_all_of_some_words(part) for part in query.subqueries)


@pytest.mark.parametrize("typed, sentence", [
    ("bin day", False),
    ("missed bin", False),
    ("the bin day", False),  # "the" is not a meaningful word
    ("my bin was not emptied this week", True),
    ("which bin goes out this week", True),
])
def test_three_meaningful_words_make_a_sentence(typed, sentence):
    assert analyse(typed, get_vocabulary()).is_sentence is sentence


def test_a_synonym_s_longer_words_do_not_make_a_sentence():
    # "tip" adds "household waste recycling centre", four words: the resident still typed one
    analysis = analyse("tip", get_vocabulary())
    assert any(len(words) >= 3 for words, _ in analysis.alternatives)
    assert not analysis.is_sentence


def test_a_few_words_must_all_match_and_a_sentence_s_any():
    assert needs_all_of_some_words(first_query(analyse("bin day", get_vocabulary())))
    assert not needs_all_of_some_words(first_query(analyse("my bin was not emptied this week", get_vocabulary())))


def test_a_sentence_counts_every_page_with_any_of_its_words():
    """A sentence's total is every page with one of its words, not zero when no page has them all."""
    outcome = engine.search("my bin was not emptied this week")
    assert outcome.total > len(engine.search("bin emptied").hits)


def test_an_editor_s_phrase_found_whole_in_a_sentence_counts_more_than_its_words_spread_over_phrases():
    """"phone number for the council": the contact page's keywords have "phone number"; the pay page's have "pay by
    phone" and "account number", the same words spread over phrases about something else."""
    terms = {"phone", "number", "council"}
    weights = {"phone": 2.5, "number": 1.9, "council": 1.1}
    contact = PageText.of({"title": "Contact us", "search_keywords": "phone number, call the council"})
    pay = PageText.of({"title": "Contact us", "search_keywords": "pay by phone, account number, council tax"})
    assert text_score(contact, terms, weights) == text_score(pay, terms, weights) + 1.0
