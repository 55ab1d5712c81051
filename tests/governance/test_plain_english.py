"""The plain-English check: each threshold passes at the limit and fails just over it."""

import pytest

from cms_pages.models import TaskPage
from governance.models import GovernanceSettings, WordToAvoid, plain_english_report
from governance.plain_english import Thresholds, avoid_pattern, check_segments, reading_age
from tests.conftest import westmere

SIMPLE = "We empty your bin every week. Put it out by 7am. Tell us if we miss it. " * 3
HARD = (
    "Notwithstanding the aforementioned considerations, householders experiencing administrative "
    "complications regarding municipal refuse collection arrangements should communicate "
    "immediately with departmental representatives."
)


def check(text, words=(), **limits):
    return check_segments([("Body", text)], Thresholds(**limits), list(words))


def result(report, key):
    return next(c for c in report.checks if c.key == key)


def test_plain_text_passes_every_check():
    report = check(SIMPLE)
    assert report.passed, report.summary()
    assert report.reading_age < 9


def test_reading_age_threshold():
    age = reading_age(HARD + " " + HARD)
    assert age > 18
    assert not result(check(HARD + " " + HARD, max_sentence_words=100), "reading_age").passed
    assert result(check(HARD + " " + HARD, max_reading_age=int(age) + 1, max_sentence_words=100), "reading_age").passed
    assert result(check("Too short to score."), "reading_age").passed  # under 30 words: not scored


def test_sentence_length_threshold():
    sentence = " ".join(["word"] * 25) + "."
    assert result(check(sentence, max_sentence_words=25), "sentence_length").passed
    report = check(sentence, max_sentence_words=24)
    assert not result(report, "sentence_length").passed
    assert report.segments[0].sentences[0].too_long


def test_list_items_are_separate_sentences():
    segments = [("Body", "Your name"), ("Body", "Your address"), ("Body", "Your council tax account number")]
    report = check_segments(segments, Thresholds(max_sentence_words=5), [])
    assert result(report, "sentence_length").passed


@pytest.mark.parametrize(
    "sentence, passive",
    [
        ("Your bin is collected on Monday.", True),
        ("Your rating is published online.", True),
        ("Bins were not emptied.", True),
        ("The form is usually sent within a day.", True),
        ("We collect your bin on Monday.", False),
        ("Your bin is on the kerb.", False),
        ("You need a permit.", False),
    ],
)
def test_passive_voice_heuristic(sentence, passive):
    report = check(sentence, max_passive_percent=0)
    assert (not result(report, "passive_voice").passed) is passive


def test_passive_voice_threshold_is_a_percentage_of_sentences():
    text = "Your bin is collected on Monday. We empty it early. Put it out by 7am. Tell us if we miss it."
    assert result(check(text, max_passive_percent=25), "passive_voice").passed  # 1 in 4
    assert not result(check(text, max_passive_percent=24), "passive_voice").passed


def test_words_to_avoid_threshold_and_highlighting():
    words = [("utilise", "use"), ("in order to", "to"), ("commence", "start")]
    text = "Utilise the form in order to apply. Work will be commencing soon."
    report = check(text, words)
    assert result(report, "words_to_avoid").value == "3"
    assert not result(report, "words_to_avoid").passed
    assert result(check(text, words, max_words_to_avoid=3), "words_to_avoid").passed
    html = report.segments[0].sentences[0].highlighted()
    assert '<mark class="wm-pe-avoid" title="avoid &quot;utilise&quot;: use use">Utilise</mark>' in html
    assert 'title="avoid &quot;in order to&quot;: use to">in order to</mark>' in html


def test_word_endings_match_but_other_words_do_not():
    assert avoid_pattern("utilise").search("we utilised it")
    assert avoid_pattern("commence").search("commencing")
    assert not avoid_pattern("key").search("monkey keyboard")


@pytest.mark.django_db
def test_words_to_avoid_are_seeded_and_thresholds_come_from_the_admin_settings():
    seeded = set(WordToAvoid.objects.values_list("phrase", flat=True))
    assert {
        "utilise",
        "facilitate",
        "in order to",
        "commence",
        "prior to",
        "endeavour",
        "leverage",
        "going forward",
    } <= seeded
    settings = GovernanceSettings.load()
    settings.max_sentence_words = 10
    settings.save()
    page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    assert not plain_english_report(page).passed
    settings.max_sentence_words = 25
    settings.save()
    assert plain_english_report(page).passed


def test_each_measure_reads_as_a_sentence_an_editor_understands():
    # Issue 20: "Sentences over the word limit: 0 (limit 0 over 25 words)" read as nonsense.
    report = check(" ".join(["word"] * 30) + ". " + SIMPLE, words=[("utilise", "use")])
    assert [str(c) for c in report.checks] == [
        f"Reading age: {report.reading_age:g} (allowed: up to 12)",
        "Sentences over 25 words: 1 (allowed: 0)",
        "Sentences in the passive voice: 0% (allowed: up to 20%)",
        "Words to avoid: 0 (allowed: 0)",
    ]
    assert report.summary() == "Plain-English check failed: Sentences over 25 words: 1 (allowed: 0)."
