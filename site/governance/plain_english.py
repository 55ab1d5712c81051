"""The plain-English check: reading age, sentence length, passive voice and words to avoid.

- Reading age is the Flesch-Kincaid grade plus 5 (a US school grade is about five years younger than
  the reader's age), over all of the page's words: 0.39 x words per sentence + 11.8 x syllables per
  word - 15.59. Syllables are counted with pyphen's British English dictionary, as textstat does for
  words it has no pronunciation for. (textstat 0.7.13's own flesch_kincaid_grade first downloads
  NLTK's cmudict at run time, which production and CI machines cannot do; pyphen ships with textstat.)
  Pages under 30 words are not scored.
- Sentence length: words per sentence; every sentence over the limit is a problem.
- Passive voice (a simple heuristic, like most style checkers): a form of "be" or "get", optionally
  followed by an adverb ending in -ly and/or "not", then a past participle: a word ending in -ed or
  a common irregular participle (taken, given, sent, paid ...). "Your bin is collected" matches;
  "your bin is on the kerb" does not. It misses some passives and flags some adjectives ("is closed"),
  so the limit is a percentage of sentences, not zero.
- Words to avoid come from the admin (Settings > Words to avoid) with what to say instead. A word
  also matches its simple endings: utilise, utilises, utilised, utilising.
"""

import re
from dataclasses import dataclass, field

import pyphen
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .content import page_segments

SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£])")
WORD = re.compile(r"[A-Za-z0-9£][\w'’£.,-]*[\w£]|[A-Za-z0-9£]")
BE = r"(?:am|is|are|was|were|be|been|being|get|gets|got|getting)"
IRREGULAR = (
    "taken given written seen done made sent paid told known shown chosen driven broken spoken stolen "
    "forgotten hidden held kept left lost found brought bought built caught sold put set cut run won "
    "thrown drawn grown withdrawn understood meant felt heard laid led lent spent stuck struck sworn torn worn"
).split()
PASSIVE = re.compile(
    rf"\b{BE}\s+(?:\w+ly\s+)?(?:not\s+)?(?:[a-z]{{2,}}ed|{'|'.join(IRREGULAR)})\b",
    re.IGNORECASE,
)
NOT_PARTICIPLES = {"need", "feed", "seed", "speed", "shed", "bed", "red", "exceed", "proceed", "succeed"}
MIN_WORDS_FOR_READING_AGE = 30


@dataclass
class Thresholds:
    max_reading_age: int = 12
    max_sentence_words: int = 25
    max_passive_percent: int = 20
    max_words_to_avoid: int = 0


@dataclass
class Check:
    """One measure of the check. Read as "label: value (allowed: limit)", for example
    "Sentences over 25 words: 2 (allowed: 0)" or "Reading age: 11.2 (allowed: up to 9)"."""

    key: str
    label: str
    value: str
    limit: str
    passed: bool
    advice: str

    def __str__(self):
        return f"{self.label}: {self.value} (allowed: {self.limit})"


@dataclass
class Sentence:
    text: str
    words: int
    too_long: bool = False
    marks: list = field(default_factory=list)  # (start, end, kind, note)

    def highlighted(self):
        """The sentence as HTML with each problem in a <mark> the editor can read the note of."""
        out, position = [], 0
        for start, end, kind, note in sorted(self.marks):
            if start < position:
                continue  # overlapping matches: the first one wins
            out.append(escape(self.text[position:start]))
            out.append(
                f'<mark class="wm-pe-{kind}" title="{escape(note)}">{escape(self.text[start:end])}</mark>'
                f'<span class="visually-hidden"> ({escape(note)})</span>'
            )
            position = end
        out.append(escape(self.text[position:]))
        return mark_safe("".join(out))


@dataclass
class SegmentResult:
    label: str
    sentences: list

    @property
    def has_problems(self):
        return any(s.too_long or s.marks for s in self.sentences)


@dataclass
class Report:
    checks: list
    segments: list
    word_count: int
    reading_age: float | None

    @property
    def passed(self):
        return all(check.passed for check in self.checks)

    @property
    def failed_checks(self):
        return [check for check in self.checks if not check.passed]

    def summary(self):
        if self.passed:
            return "Plain-English check passed."
        return "Plain-English check failed: " + "; ".join(str(check) for check in self.failed_checks) + "."


def split_sentences(text):
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


def count_words(text):
    return len(WORD.findall(text))


def avoid_pattern(phrase):
    """A phrase and its simple endings (s, d, ed, es, ing; commence -> commencing)."""
    words = [re.escape(word) for word in phrase.lower().split()]
    last = words[-1]
    stem = last[:-1] if last.endswith("e") else last
    words[-1] = rf"(?:{last}(?:s|d|ed|es|ing)?|{stem}ing)"
    return re.compile(r"\b" + r"\s+".join(words) + r"\b", re.IGNORECASE)


def passive_matches(sentence):
    for match in PASSIVE.finditer(sentence):
        participle = match.group(0).split()[-1].lower()
        if participle not in NOT_PARTICIPLES:
            yield match


HYPHENATOR = pyphen.Pyphen(lang="en_GB")
SYLLABLE_WORD = re.compile(r"[a-z]+")


def syllables(word):
    return len(HYPHENATOR.positions(word)) + 1


def reading_age(text):
    sentences = [sentence for sentence in split_sentences(text) if count_words(sentence)]
    words = SYLLABLE_WORD.findall(text.lower())
    if not sentences or not words:
        return None
    grade = 0.39 * count_words(text) / len(sentences) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
    return round(max(grade, 0) + 5, 1)


def check_segments(segments, thresholds, words_to_avoid):
    """segments: [(label, text)]; words_to_avoid: [(phrase, suggestion)]."""
    patterns = [(avoid_pattern(phrase), phrase, suggestion) for phrase, suggestion in words_to_avoid]
    results, all_sentences, prose = [], [], []
    avoid_count = passive_count = 0
    for label, text in segments:
        sentences = []
        for sentence_text in split_sentences(text):
            sentence = Sentence(sentence_text, count_words(sentence_text))
            sentence.too_long = sentence.words > thresholds.max_sentence_words
            for pattern, phrase, suggestion in patterns:
                for match in pattern.finditer(sentence_text):
                    note = f'avoid "{phrase}"' + (f": use {suggestion}" if suggestion else "")
                    sentence.marks.append((match.start(), match.end(), "avoid", note))
                    avoid_count += 1
            passive = list(passive_matches(sentence_text))
            for match in passive:
                sentence.marks.append((match.start(), match.end(), "passive", "passive voice: say who does it"))
            passive_count += bool(passive)
            sentences.append(sentence)
        all_sentences.extend(sentences)
        results.append(SegmentResult(label, sentences))
        if text.strip():
            prose.append(text.strip() if text.strip()[-1] in ".!?:" else text.strip() + ".")

    full_text = " ".join(prose)
    word_count = count_words(full_text)
    age = reading_age(full_text) if word_count >= MIN_WORDS_FOR_READING_AGE else None
    long_sentences = [s for s in all_sentences if s.too_long]
    passive_percent = round(100 * passive_count / len(all_sentences)) if all_sentences else 0
    checks = [
        Check(
            "reading_age",
            "Reading age",
            "not scored (too short)" if age is None else f"{age:g}",
            f"up to {thresholds.max_reading_age}",
            age is None or age <= thresholds.max_reading_age,
            "Use shorter words and sentences.",
        ),
        Check(
            "sentence_length",
            f"Sentences over {thresholds.max_sentence_words} words",
            str(len(long_sentences)),
            "0",
            not long_sentences,
            "Split long sentences in two, or use a list.",
        ),
        Check(
            "passive_voice",
            "Sentences in the passive voice",
            f"{passive_percent}%",
            f"up to {thresholds.max_passive_percent}%",
            passive_percent <= thresholds.max_passive_percent,
            'Say who does what: "we collect your bin", not "your bin is collected".',
        ),
        Check(
            "words_to_avoid",
            "Words to avoid",
            str(avoid_count),
            str(thresholds.max_words_to_avoid),
            avoid_count <= thresholds.max_words_to_avoid,
            "Use the plain word suggested next to each one.",
        ),
    ]
    return Report(checks, results, word_count, age)


def check_page(page, thresholds, words_to_avoid):
    """The check on the page as given (a revision's page, or one built from the editor's form)."""
    segments = [(segment.label, segment.text) for segment in page_segments(page)]
    return check_segments(segments, thresholds, words_to_avoid)
