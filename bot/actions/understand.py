"""What the resident means: one decision from the intent classifier, the pages' own words and the conversation.

The classifier (Rasa's DIET, trained on the pages' questions) is the first opinion. The pages' own words
(actions/knowledge.py) are the second: they know a page the moment it is published, and they question a
confident guess that the page does not back up. The conversation's topic (actions/context.py) reads the
messages that only make sense after the last answer. The result is a Reading:

The site search (the third opinion, asked only when the first two are weak or disagree) settles ties.

* answer   one page, with confidence (``how`` says why, for logs and tests);
* choose   two (or one) likely pages, offered as buttons, when the opinions disagree or are weak;
* unsure   nothing fits: search results and a person;
* outside  not a council service (the classifier said so and no page's words fit).

Pure functions over plain values, so every rule is tested without Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

from actions import phrasing, situation
from actions.context import Context
from actions.knowledge import KnowledgeIndex, names_a_subject

STRAIGHT_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
TASK_KINDS = frozenset({"report", "apply", "pay", "book"})
# A page that collects the resident's story: what they say next belongs to it.
STORY_PAGE = re.compile(r"complain|compliment|comments", re.IGNORECASE)
STORY_WORDS = 3

# The classifier's confidence above which its page is taken unless the pages' words dispute it.
SURE = 0.8
# The classifier's confidence at which its page is still a candidate (the FallbackClassifier's threshold).
LIKELY = 0.6
CANDIDATE = 0.2
# Scores of the pages' own words (0..1): the best page "backs" an answer above BACKED, is sure on its own
# above CONTENT_SURE with MARGIN over the next, and disputes the classifier when the classifier's page scores
# below DISPUTE_SHARE of it.
# (Measured on the demo pages with a fifth of each page's questions left out: the right page is best for 96%
# of them; a right guess of the classifier scores below 0.6 of the best page for under 1%.)
BACKED = 0.2
CONTENT_SURE = 0.33
MARGIN = 0.08
DISPUTE_SHARE = 0.6
# A page found by its words alone is offered as a choice from this score; "not a council service" is
# overruled from OUTSIDE_OVERRULED (nonsense and other subjects score up to about 0.37 on the demo pages).
WORDS_CANDIDATE = 0.25
# The site search and the pages' words agree on a page from this score of the words.
WORDS_AGREE = 0.1
OUTSIDE_OVERRULED = 0.4
# A page taught since the last training is taken from this score of its words and sentences.
NEW_PAGE = 0.2
# The pages' meaning (a sentence model, actions/meaning.py) speaks when its nearest page has a similarity of
# MEANING_SURE and is MEANING_AHEAD of the next (bench/meaning.py: the right page for 98% of the phrasings in
# new words that pass these, and for 98% of left-out questions). Other subjects can pass them too ("a new
# driving licence" is near the licences page), so it answers only with another opinion leaning the same way.
MEANING_SURE = 0.5
MEANING_AHEAD = 0.05
# The meaning's nearest page, from this similarity, is a vote: with the classifier's or the words' first page
# the same, it is answered (unrelated subjects score below it on the demo pages, bench/meaning.py).
MEANING_LEANS = 0.4
# ... when it is at least this far ahead of the next page (pages of one family, "council tax ...", come out
# nearly level on their shared words: a near tie is no opinion).
MEANING_LEANS_AHEAD = 0.02
# In context: a related page wins over the topic with at least this score, and this far ahead of the topic;
# or, when the topic's own words hardly fit, from RELATED_WEAK with RELATED_TIMES the topic's score.
RELATED_MIN = 0.2
RELATED_WEAK = 0.12
RELATED_TIMES = 2.0
# A message whose words score below this on every page of the conversation is not a follow-up when they fit
# another page.
FOLLOW_UP_MIN = 0.05
# A question this short is read with the conversation ("right, how do I join up?").
SHORT_QUESTION = 8
# The classifier's guess of a related page is taken from this confidence (a guess near the topic is likelier).
NEARBY_GUESS = 0.3
RELATED_AHEAD = 0.05
# A second subject in the same message ("...and on Council Tax too") is answered when its words are this sure.
SECOND_SUBJECT = 0.3
# Where one request ends and another begins: "and", "also", "as well as", "plus" (not a comma: "my flatmates
# are students, are we counted?" is one question).
SPLIT = re.compile(r"\s*(?:\band also\b|\bas well as\b|\band\b|\balso\b|\bplus\b|;)\s*", re.IGNORECASE)


@dataclass
class Message:
    text: str
    intent: str = ""
    confidence: float = 0.0
    # The classifier's pages (content intents only), best first.
    ranking: Sequence[Tuple[str, float]] = ()
    # The site search's pages for the message, best first: asked only when the other two opinions are not
    # enough (it is the slowest of the three).
    search: Callable[[], Sequence[str]] = lambda: ()
    # The pages the classifier was trained on (empty when not known): a page published since can be found
    # only by its words.
    trained: frozenset = frozenset()
    # Pages not to answer with (the bin day page while the bin day form is already asking).
    excluded: frozenset = frozenset()
    # The pages nearest in meaning (key, similarity), best first: asked by read() only when needed (a new
    # sentence's meaning costs a few milliseconds).
    meaning_search: Callable[[], Sequence[Tuple[str, float]]] = lambda: ()
    _meant: Optional[Sequence[Tuple[str, float]]] = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # Phones type curly apostrophes ("can’t"): the phrasing tests read straight ones.
        self.text = (self.text or "").translate(STRAIGHT_QUOTES)

    @property
    def meant(self) -> Sequence[Tuple[str, float]]:
        if self._meant is None:
            self._meant = list(self.meaning_search())
        return self._meant

    @property
    def meaning(self) -> Optional[str]:
        """The page the meaning is sure of, if any."""
        return nearest_ahead(self.meant, MEANING_SURE, MEANING_AHEAD)

    def score_of(self, key: str) -> float:
        return next((score for name, score in self.ranking if name == key), 0.0)

    @property
    def top(self) -> Tuple[Optional[str], float]:
        return self.ranking[0] if self.ranking else (None, 0.0)


@dataclass
class Reading:
    kind: str  # answer, choose, unsure, outside
    keys: List[str] = field(default_factory=list)
    how: str = ""
    also: Optional[str] = None  # a second subject of the same message, answered after the first

    @property
    def key(self) -> Optional[str]:
        return self.keys[0] if self.keys else None


def read(message: Message, context: Context, index: KnowledgeIndex) -> Reading:
    text = message.text.strip()
    retrieved = [pair for pair in index.rank(text, limit=5 + len(message.excluded)) if pair[0] not in message.excluded]
    if message.excluded:
        message.ranking = [pair for pair in message.ranking if pair[0] not in message.excluded]
    message.meaning_search = lambda: [pair for pair in index.meant(text, limit=3 + len(message.excluded))
                                      if pair[0] not in message.excluded]
    in_conversation = not (_another_council_s(message, index, retrieved) and not phrasing.refers_back(text))
    reading = (
        (in_conversation and _detail_of_task(message, context, index, retrieved))
        or (in_conversation and _in_context(message, context, index, retrieved))
        or _on_its_own(message, index, retrieved)
    )
    if reading.kind == "answer" and reading.how not in ("story", "detail"):
        reading.also = _second_subject(text, reading.key, index)
    elif reading.kind in ("choose", "unsure"):
        reading = _by_parts(text, index) or reading
    return _in_situation(reading, text, index)


def _in_situation(reading: Reading, text: str, index: KnowledgeIndex) -> Reading:
    """An answer moved for the resident's situation ("hard to pay": from paying to help with the bill). A
    choice is left to the resident."""
    if reading.kind != "answer" or reading.how in ("story", "detail"):
        return reading
    # The second subject moves only to its own related pages: the whole message's meaning is the first's too.
    key = situation.moved(text, reading.key, index)
    also = situation.moved(text, reading.also, index, near_the_message=False)
    if (key, also) == (reading.key, reading.also):
        return reading
    return Reading("answer", [key], how=f"{reading.how}, situation", also=also if also != key else None)


def _another_council_s(message: Message, index: KnowledgeIndex, retrieved) -> bool:
    """The classifier is sure of a service the shared model knows from another council's pages, which this
    council has no page for, and the words are sure of none of this council's pages: asked after a bulky waste
    answer on Fellside, "garden waste collection" is a new subject, not a detail of the bulky items."""
    key, confidence = message.top
    return (bool(key) and key not in index and bool(index.pages) and confidence >= SURE and message.intent == key
            and _scores(retrieved)[1] < CONTENT_SURE)


def _scores(retrieved: Sequence[Tuple[str, float]]):
    best, best_score = retrieved[0] if retrieved else (None, 0.0)
    second_score = retrieved[1][1] if len(retrieved) > 1 else 0.0
    return best, best_score, second_score


def _confident_elsewhere(message: Message, context: Context, retrieved, nearby: Sequence[str] = ()) -> bool:
    """The classifier is sure of a page outside the conversation, and the pages' words back it: the best page
    for the words, or near it. A message that leans on the conversation ("and just for an hour?") needs the
    words to be sure of it on their own: the classifier is often sure of something for a few words."""
    key, confidence = message.top
    if not key or confidence < SURE or key in context.pages() or key in nearby:
        return False
    best, best_score, second_score = _scores(retrieved)
    own = dict(retrieved).get(key, 0.0)
    if phrasing.leans_on_context(message.text):
        return key == best and best_score >= CONTENT_SURE and best_score - second_score >= MARGIN
    return best_score >= BACKED and (key == best or own >= DISPUTE_SHARE * best_score)


def _words_and_meaning(message: Message, retrieved, sure: float) -> Optional[str]:
    """The page that the pages' words (the best for them, scoring at least `sure`) and the message's meaning
    both read, when they agree on one."""
    best, best_score, _ = _scores(retrieved)
    return best if best and best_score >= sure and message.meaning == best else None


def _detail_of_task(message: Message, context: Context, index: KnowledgeIndex, retrieved) -> Optional[Reading]:
    """After a task ("my bin wasn't emptied") or a complaint, what the resident tells next is a detail of it
    ("it was the brown one", "the crew left rubbish everywhere"), unless they ask or need something new."""
    task = context.topic if _is_task(index, context.topic) else context.last_task
    text = message.text
    if not task or task not in index or not phrasing.is_statement(text):
        return None
    if STORY_PAGE.search(task) or STORY_PAGE.search(index.get(task).title):
        if phrasing.words(text) >= STORY_WORDS:
            return Reading("answer", [task], how="story")
        return None
    if not (phrasing.refers_back(text) or index.has_words(text)):
        return None  # no word any page uses: not a detail of the task
    both = _words_and_meaning(message, retrieved, CONTENT_SURE)
    if both and both not in (task, *index.get(task).related):
        # The words and the meaning are both sure of a page away from the task: "their dog barks all night"
        # after Council Tax Support is a new subject, though "their" could point back ("the reference on the
        # lamp post notice is ..." after commenting on a planning application stays a detail: the words are
        # not sure of street lights).
        return None
    if phrasing.refers_back(message.text) or not _confident_elsewhere(message, context, retrieved):
        return Reading("answer", [task], how="detail")
    return None


def _is_task(index: KnowledgeIndex, key: Optional[str]) -> bool:
    page = index.get(key)
    return bool(page) and (page.kind in TASK_KINDS or bool(STORY_PAGE.search(page.key)))


def _in_context(message: Message, context: Context, index: KnowledgeIndex, retrieved) -> Optional[Reading]:
    """A follow-up ("how do I join?", "and for a garage?", "can my visitor get one?") answered from the topic
    page or one of its related pages."""
    topic = context.topic
    if not topic or topic not in index:
        return None
    text = message.text
    leans = _leans(text, index)
    nearby = _nearby(context, index)
    best, best_score, second_score = _scores(retrieved)
    # "and can I pay by card?" names no service of its own: whichever page its words fit, it is about this one.
    own_subject = names_a_subject(text)
    if (own_subject and not leans and best not in nearby and best_score >= CONTENT_SURE
            and best_score - second_score >= MARGIN):
        return None  # the message says clearly what it is about on its own
    if own_subject and _confident_elsewhere(message, context, retrieved, nearby):
        return None  # a new subject, asked in full
    both = _words_and_meaning(message, retrieved, BACKED)
    if (own_subject and leans and not phrasing.is_variant(text)
            and not phrasing.refers_back(phrasing.without_opening(text)) and both and both not in nearby):
        # "so which day do the bins go?" opens like a follow-up but points at nothing said before: the words
        # and the meaning both read a new subject.
        return None
    in_context = dict(index.rank(text, keys=nearby, limit=len(nearby)))
    pages = [page for page in context.pages() if page in index]
    topic_page = max(pages, key=lambda page: in_context.get(page, 0.0)) if len(pages) > 1 else topic
    if in_context.get(topic_page, 0.0) <= in_context.get(topic, 0.0):
        topic_page = topic
    if phrasing.is_variant(text):
        return Reading("answer", [topic_page], how="variant")  # the same question about another thing
    if (own_subject and not phrasing.refers_back(text) and max(in_context.values(), default=0.0) < FOLLOW_UP_MIN
            and best not in nearby and best_score >= BACKED):
        return None  # its words fit none of the conversation's pages, and fit another page
    key, confidence = message.top
    topic_score = in_context.get(topic_page, 0.0)
    if key in pages and confidence >= LIKELY:
        return Reading("answer", [key], how="classifier in context")
    def meant_with_topic() -> Optional[str]:
        # The message's meaning read together with the topic ("Pay your Council Tax: and if I can't afford it?").
        return _leaning(index.meant(f"{index.get(topic_page).title}: {text}", keys=nearby, limit=2))

    if key in nearby and confidence >= NEARBY_GUESS and _related_guess_holds(
            text, confidence, in_context.get(key, 0.0), topic_score):
        # The classifier names one of the topic's related pages ("any help if I can't pay?" after paying).
        return Reading("answer", [key], how="classifier in context")
    related = [(page, score) for page, score in in_context.items() if page not in pages]
    if related and own_subject:
        page, score = max(related, key=lambda pair: pair[1])
        if (score >= RELATED_MIN and score >= topic_score + RELATED_AHEAD) or (
                # Words that only just fit a related page move there if the meaning does not hold to another.
                score >= RELATED_WEAK and score >= RELATED_TIMES * topic_score
                and meant_with_topic() in (None, page)):
            return Reading("answer", [page], how="related page")
    if own_subject and (leans or phrasing.is_question(text)):
        meant = meant_with_topic()
        if meant and meant not in pages:
            return Reading("answer", [meant], how="related page by meaning")
    if leans or (phrasing.is_question(text) and (best in nearby or phrasing.words(text) <= SHORT_QUESTION)):
        # A longer question is a follow-up only when its own words point at the conversation's pages.
        return Reading("answer", [topic_page], how="follow-up")
    return None


def _related_guess_holds(text: str, confidence: float, guess_score: float, topic_score: float) -> bool:
    """The classifier's guess of a related page, against the topic: it holds when the words do not favour the
    topic, and, for a weak guess, when the message does not point back at the topic ("will he have to pay
    towards it?"); if not, the words alone may still move to a related page."""
    if guess_score < DISPUTE_SHARE * topic_score:
        return False
    return confidence >= LIKELY or not phrasing.refers_back(text)


def _leans(text: str, index: KnowledgeIndex) -> bool:
    """Does the message lean on the conversation? Pointing back or a variant does; a short message does only
    with a word the pages use ("wibble" is not a follow-up)."""
    if phrasing.is_variant(text) or phrasing.refers_back(text):
        return True
    return phrasing.leans_on_context(text) and index.has_words(text)


def _nearby(context: Context, index: KnowledgeIndex) -> List[str]:
    """The conversation's pages and their related pages."""
    pages = [page for page in context.pages() if page in index]
    for page in list(pages):
        pages.extend(key for key in index.get(page).related if key in index and key not in pages)
    return pages


def _on_its_own(message: Message, index: KnowledgeIndex, retrieved) -> Reading:
    """A message read without the conversation: the classifier, checked by the pages' own words, and the site
    search when those two are weak or disagree."""
    best, best_score, second_score = _scores(retrieved)
    key, confidence = message.top
    if key and key not in index:
        if _another_council_s(message, index, retrieved):
            # The answer finds no page and gives the council's own number, never another service's page.
            return Reading("answer", [key], how="not this council's service")
        key, confidence = None, 0.0
    words_of = dict(retrieved)
    new_page = _new_page(message, index)
    if new_page:
        return new_page
    if key and confidence >= LIKELY and message.intent == key:
        own = words_of.get(key, 0.0)
        both = _words_and_meaning(message, retrieved, BACKED)
        if both and both != key:
            # The words and the meaning both read another page ("the bin men went straight past my house" is
            # a missed bin, not the bin day): two opinions against one.
            return Reading("answer", [both], how="words and meaning")
        if best is None or key == best or best_score < BACKED or own >= DISPUTE_SHARE * best_score:
            # (A casting vote of the site search for likely-but-not-sure guesses was tried: it turned more
            # right answers into choices than it caught wrong ones.)
            return Reading("answer", [key], how="classifier")
        if message.meaning in (key, best):
            # The meaning settles the dispute between the classifier and the words.
            return Reading("answer", [message.meaning], how="meaning settles")
        searched = _searched(message, index)
        if searched[:1] == [key]:
            return Reading("answer", [key], how="classifier and search")
        if searched[:1] == [best]:
            return Reading("choose", _two(best, key), how="disputed")
        return Reading("choose", _two(key, best), how="disputed")
    # The classifier is unsure (or says "not a council service"): the pages' words decide, or offer a choice.
    if message.intent == "out_of_scope" and best_score < OUTSIDE_OVERRULED:
        return Reading("outside", how="classifier")
    if best and best_score >= CONTENT_SURE and best_score - second_score >= MARGIN:
        return Reading("answer", [best], how="pages' words")
    if best and key == best and best_score >= BACKED:
        return Reading("answer", [best], how="both agree")
    # The likeliest pages in turn from each opinion: the classifier's, the words', the meaning's, the search's.
    guessed = [page for page, score in message.ranking[:2] if score >= CANDIDATE and page in index]
    found = [page for page, score in retrieved[:2] if score >= WORDS_CANDIDATE]
    meaning = message.meaning
    if meaning and (meaning in guessed[:1] or meaning == best or words_of.get(meaning, 0.0) >= WORDS_AGREE):
        # The meaning is sure, and the classifier or the words lean the same way.
        return Reading("answer", [meaning], how="meaning")
    leaning = _leaning(message.meant)
    if leaning and (leaning in guessed[:1] or (leaning == best and best_score >= WORDS_AGREE)):
        # The meaning's nearest page is the classifier's or the words' first: two opinions agree.
        return Reading("answer", [leaning], how="meaning agrees")
    near = [page for page, similarity in message.meant[:2] if similarity >= MEANING_SURE]
    searched = _searched(message, index)
    top_search = searched[:1]
    words_elsewhere = best_score >= CONTENT_SURE
    for page in top_search:
        # Two of the opinions agree on the page, and the words are not sure of another: answer it.
        if page in guessed[:1] and (page == best or not words_elsewhere):
            return Reading("answer", [page], how="search agrees")
        if retrieved and page == best and best_score >= WORDS_AGREE:
            return Reading("answer", [page], how="search agrees")
        if page == meaning:
            return Reading("answer", [page], how="search agrees")
    candidates = []
    for page in [*guessed[:1], *near[:1], *found[:1], *top_search, *guessed[1:], *found[1:]]:
        if page not in candidates:
            candidates.append(page)
    # A page more than one opinion names goes first.
    opinions = [guessed, found, near, list(searched[:2])]
    candidates.sort(key=lambda page: -sum(page in opinion for opinion in opinions))
    if candidates:
        return Reading("choose", candidates[:2], how="weak")
    return Reading("unsure", how="nothing fits")


def nearest_ahead(meant: Sequence[Tuple[str, float]], near: float, ahead: float) -> Optional[str]:
    """The nearest page in meaning if it is `near` enough and `ahead` of the next."""
    if not meant or meant[0][1] < near:
        return None
    second = meant[1][1] if len(meant) > 1 else -1.0
    return meant[0][0] if meant[0][1] - second >= ahead else None


def _leaning(meant: Sequence[Tuple[str, float]]) -> Optional[str]:
    """The page the meaning leans to, if any: less sure than Message.meaning."""
    return nearest_ahead(meant, MEANING_LEANS, MEANING_LEANS_AHEAD)


def _new_page(message: Message, index: KnowledgeIndex) -> Optional[Reading]:
    """A page taught since the last training: the classifier cannot know it, so its words (with its sentences)
    decide: answered when they are clear, offered beside the classifier's guess when not."""
    untrained = [key for key in index.keys if key not in message.trained] if message.trained else []
    if not untrained:
        return None
    ranked = index.rank(message.text, limit=2, with_passages=True)
    meaning = message.meaning
    if meaning in untrained and meaning != (ranked[0][0] if ranked else None):
        # The meaning is sure of the new page, and its words lean that way too.
        own = index.rank(message.text, keys=[meaning], limit=1, with_passages=True)
        if own and own[0][1] >= WORDS_AGREE:
            return Reading("answer", [meaning], how="new page")
    if not ranked or ranked[0][0] not in untrained or ranked[0][1] < NEW_PAGE:
        return None
    page, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    key, confidence = message.top
    if score - second >= MARGIN or not key or confidence < SURE or message.meaning == page:
        return Reading("answer", [page], how="new page")
    return Reading("choose", _two(page, key), how="new page")


def _searched(message: Message, index: KnowledgeIndex) -> List[str]:
    return [page for page in message.search() if page in index]


def _two(first: str, second: Optional[str]) -> List[str]:
    return [first] + ([second] if second and second != first else [])


def _subjects(text: str, index: KnowledgeIndex) -> List[str]:
    """The page each part of the message is clearly about, in the message's order."""
    found: List[str] = []
    for part in SPLIT.split(text):
        if phrasing.words(part) < 2:
            continue
        ranked = index.rank(part, limit=2)
        if not ranked:
            continue
        page, score = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if score >= SECOND_SUBJECT and score - second >= MARGIN / 2 and page not in found:
            found.append(page)
    return found


def _by_parts(text: str, index: KnowledgeIndex) -> Optional[Reading]:
    """Two things at once that the whole message blurs ("behind on my rent and on Council Tax too"): each
    part read on its own."""
    if len([part for part in SPLIT.split(text) if phrasing.words(part) >= 2]) < 2:
        return None
    found = _subjects(text, index)
    if not found:
        return None
    return Reading("answer", [found[0]], how="parts", also=found[1] if len(found) > 1 else None)


def _second_subject(text: str, key: Optional[str], index: KnowledgeIndex) -> Optional[str]:
    """ "I'm behind on rent and on Council Tax too": the page of the part that is not about `key`."""
    if len([part for part in SPLIT.split(text) if phrasing.words(part) >= 2]) < 2:
        return None
    for page in _subjects(text, index):
        if page == key:
            continue
        # The part about the other page must not be about the first page too ("...counted for council tax").
        part = next(part for part in SPLIT.split(text) if index.rank(part, limit=1)[0][0] == page)
        scores = dict(index.rank(part, keys=[page, key], limit=2))
        if scores.get(key, 0.0) < DISPUTE_SHARE * scores.get(page, 0.0):
            return page
    return None
