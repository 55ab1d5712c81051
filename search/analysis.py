"""A resident's query, analysed once into one object that every later step reads.

`Query.parse()` cleans and splits what was typed (once). `analyse()` adds what depends on the council's words:
spelling corrected against the vocabulary ("bin colection" -> "bin collection", "counciltax" -> "council tax")
and the synonym alternatives ("tip" -> "household waste recycling centre"). Matching, ranking, best bets, the
results page and the query log all read the same `Analysis`.
"""
from dataclasses import dataclass, field

from .text import STOP_WORDS, clean_query, content_words, stem, stems, tokenize

SYNONYM_WEIGHT = 0.9  # a page matching the resident's own words wins a tie with one matching a synonym
MAX_ALTERNATIVES = 8
# From this many meaningful words what was typed is a sentence ("my bin was not emptied this week"), and most of its
# words are not on the page it is about: pages with any of them follow those with all (search.engine.ranked_matches).
SENTENCE_WORDS = 3


@dataclass(frozen=True)
class Query:
    text: str  # what the resident typed, cleaned (control characters dropped, trimmed, at most 200 characters)
    words: tuple  # its lower-case words

    @classmethod
    def parse(cls, typed):
        if isinstance(typed, Query):
            return typed
        text = clean_query(typed)
        return cls(text=text, words=tuple(tokenize(text)))

    def __bool__(self):
        return bool(self.words)

    def __str__(self):
        return self.text

    @property
    def normalised(self):
        """The canonical form used for best bets and synonyms: "Bin  Day!" -> "bin day"."""
        return " ".join(self.words)

    @property
    def stems(self):
        return stems(list(self.words))


@dataclass
class Analysis:
    query: Query
    corrected_words: list  # after spelling correction
    alternatives: list = field(default_factory=list)  # [(content words, weight)]: the query, then its synonyms

    @property
    def words(self):
        return list(self.query.words)

    @property
    def corrected(self):
        """The corrected query to show ("Showing results for ..."), or None when nothing changed."""
        return " ".join(self.corrected_words) if self.corrected_words != self.words else None

    @property
    def highlight_stems(self):
        return {stem(word) for words, _ in self.alternatives for word in words}

    @property
    def is_sentence(self):
        """The resident's own words (not a synonym's, which may be longer) are a sentence."""
        return bool(self.alternatives) and len(self.alternatives[0][0]) >= SENTENCE_WORDS

    @property
    def all_words(self):
        """Every content word of every alternative, once, in order."""
        return list(dict.fromkeys(word for words, _ in self.alternatives for word in words))


def correct_words(words, vocabulary, is_known_to_backend):
    corrected = []
    for word in words:
        if word in STOP_WORDS or len(word) < 4 or not word.isalpha() or vocabulary.knows(word):
            corrected.append(word)
            continue
        split = vocabulary.split_joined(word)
        if split:
            corrected.extend(split)
            continue
        replacement = vocabulary.closest(word)
        if replacement and not is_known_to_backend(word):
            corrected.append(replacement)
        else:
            corrected.append(word)
    return corrected


def find_phrase(words, phrase):
    """Positions where the phrase occurs in the words, comparing stems."""
    word_stems, phrase_stems = stems(list(words)), stems(list(phrase))
    size = len(phrase_stems)
    return [i for i in range(len(word_stems) - size + 1) if word_stems[i : i + size] == phrase_stems]


def expand_synonyms(words, groups):
    """[(words, weight)]: the query itself, then one alternative for each synonym of each phrase found in it.
    Longer phrases win: in "brown bin", "brown bin" is expanded, not "bin" on its own."""
    matches = []  # (start, end, group, phrase)
    for group in groups:
        for phrase in group:
            for start in find_phrase(words, phrase):
                matches.append((start, start + len(phrase), group, phrase))
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken, alternatives, seen = set(), [(list(words), 1.0)], {tuple(words)}
    for start, end, group, phrase in matches:
        span = set(range(start, end))
        if span & taken:
            continue
        taken |= span
        for other in group:
            if other == phrase:
                continue
            alternative = list(words[:start]) + list(other) + list(words[end:])
            if tuple(alternative) not in seen:
                seen.add(tuple(alternative))
                alternatives.append((alternative, SYNONYM_WEIGHT))
    return alternatives[:MAX_ALTERNATIVES]


def analyse(query, vocabulary, is_known_to_backend=lambda word: False, correct=True, site_id=None):
    """The Analysis of a Query (or of typed text, parsed here), with the synonyms of the council searched."""
    query = Query.parse(query)
    words = list(query.words)
    corrected = correct_words(words, vocabulary, is_known_to_backend) if correct else words
    analysis = Analysis(query=query, corrected_words=corrected)
    seen = set()
    for alternative, weight in expand_synonyms(corrected, vocabulary.synonyms_for(site_id)):
        terms = tuple(dict.fromkeys(content_words(alternative)))
        if terms and terms not in seen:
            seen.add(terms)
            analysis.alternatives.append((list(terms), weight))
    return analysis
