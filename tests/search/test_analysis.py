"""A few words must all match; a sentence's need not. And keywords found whole in a query."""
import pytest
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or

from search import engine
from search.analysis import analyse
from search.queries import base_queryset, relaxed_query, strict_query
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


@pytest.mark.parametrize("typed, sentence", [("bin day", False), ("my bin was not emptied this week", True)])
def test_a_few_words_must_all_match_and_a_sentence_adds_the_pages_with_any(typed, sentence):
    analysis = analyse(typed, get_vocabulary())
    assert needs_all_of_some_words(strict_query(analysis))
    assert not needs_all_of_some_words(relaxed_query(analysis))
    backend, pages = get_search_backend(), base_queryset()
    with_all = backend.search(strict_query(analysis), pages).count()
    with_any = backend.search(relaxed_query(analysis), pages).count()
    assert 0 < with_all < with_any
    assert engine.search(typed, with_promotions=False).total == (with_any if sentence else with_all)


def test_an_editor_s_phrase_found_whole_in_a_sentence_counts_more_than_its_words_spread_over_phrases():
    """"phone number for the council": the contact page's keywords have "phone number"; the pay page's have "pay by
    phone" and "account number", the same words spread over phrases about something else."""
    terms = {"phone", "number", "council"}
    weights = {"phone": 2.5, "number": 1.9, "council": 1.1}
    contact = PageText.of({"title": "Contact us", "search_keywords": "phone number, call the council"})
    pay = PageText.of({"title": "Contact us", "search_keywords": "pay by phone, account number, council tax"})
    assert text_score(contact, terms, weights) == text_score(pay, terms, weights) + 1.0
