"""The assistant's second opinion: the pages' own words, searched beside the trained intent classifier.

Every page the assistant answers comes from ``GET /api/bot/knowledge/`` with its title, summary, keywords,
chat answer, questions, follow-up questions, body and related pages. They are indexed here with TF-IDF
(scikit-learn, which Rasa already installs): words and word pairs, and character n-grams for typos and word
endings. So a page is understood from the page itself, the moment it is published, before any retraining,
and a guess of the classifier that the pages' words do not back up can be questioned (actions/understand.py).

The site search's synonyms (what residents type = the words the pages use) come with them and widen each message
the same way the site search does. The index is rebuilt only when the site's version changes; the site is asked at most every
KNOWLEDGE_CHECK_SECONDS, and a failed check keeps the index it has.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from actions import config
from actions.shared import Shared
from actions.api.cms import CmsError, get_client
from actions.meaning import get_encoder

logger = logging.getLogger(__name__)

# How much each field counts in a page's document (repeating a field weighs it in TF-IDF).
FIELD_WEIGHTS = (
    ("title", 3),
    ("keywords", 2),
    ("summary", 2),
    ("answer", 1),
    ("questions", 1),
    ("follow_up_questions", 1),
    ("body", 1),
)
# A page's score: its whole document, and the nearest of its questions (the way residents ask).
DOCUMENT_SHARE = 0.6
# With passages: the nearest sentence of the page's own text counts this much too. It finds a page taught
# since the last training far better (5 of 8 new phrasings first instead of 2, on a test page), at a small
# cost for the trained pages (95% first instead of 96%), so it is asked only about untrained pages.
PASSAGE_SHARE = 0.3
SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
# The pages' meaning (actions/meaning.py, a sentence model) is a separate opinion: a message's similarity to a
# page is the mean of its MEANING_NEAREST nearest sentences of the page (title, summary, keywords, chat answer,
# questions). Not blended into the words' scores: pages of one family ("council tax ...") come out close
# together, so it speaks only when one page is clearly ahead (actions/understand.py).
MEANING_NEAREST = 2
# A follow-up is answered with the page's statement nearest in meaning from this similarity ("do you empty it in
# winter?": "In December, January and February we empty them once a month.", 0.66). Below it the nearest is
# often beside the point ("can soil go in the brown bin?": "We empty brown bins every 2 weeks from March to
# November.", 0.53), and the page's own answer is given instead.
STATEMENT_SURE = 0.55
# Words that say nothing about which page: question words, "council", polite filler.
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "council", "westmere", "district", "please", "thanks", "hi", "hello", "want", "need", "know", "tell",
    "like", "just", "really", "ok", "okay", "right", "yes", "does", "did", "doing", "im", "ive", "id",
    "dont", "wont", "isnt", "s", "t", "way", "get", "got",
}


WORD = re.compile(r"[a-z][a-z]+")


def stem(word: str) -> str:
    """A light English stemmer, enough for plurals and verb endings: cockroaches -> cockroach, bugs -> bug,
    emptied -> empti, collecting -> collect (both sides are stemmed alike, so the stems need not be words)."""
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"),
                                ("xes", "x"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + replacement
    return word


# What may be asked of any service's page: paying, cost, timescales, what to have ready, changing or cancelling.
# A message of these words alone names no service of its own ("and can I pay by card?", "how long does it
# take?", "how long will it take to be cleared?", "when will someone come out?"): after an answer it is about
# that answer's service, whichever page its words fit best on their own. Paying, timescales, documents, and
# what happens next to what was asked for (done, fixed, cleared, a decision): every service has them.
ABOUT_ANY_SERVICE = frozenset(stem(word) for word in (
    "pay", "paying", "payment", "card", "debit", "credit", "cash", "cheque", "cost", "price", "fee", "charge",
    "free", "refund", "cancel", "change", "long", "take", "time", "wait", "soon", "quick", "quickly", "bring",
    "ready", "document", "documents", "proof", "online", "form", "apply", "book", "booking", "deadline",
    "done", "happen", "happens", "next", "fixed", "fix", "cleared", "clear", "repaired", "removed", "sorted",
    "dealt", "processed", "decided", "decision", "approved", "hear", "back", "someone", "come", "days", "weeks",
))


def names_a_subject(text: str) -> bool:
    """Does the message name something of its own, beyond what may be asked of any service?"""
    return any(stem(word) not in ABOUT_ANY_SERVICE
               for word in WORD.findall(text.lower().replace("'", "")) if word not in STOP_WORDS)


def word_features(text: str) -> List[str]:
    """Stemmed words that are not stop words, and each pair of neighbours."""
    stems = [stem(word) for word in WORD.findall(text.lower().replace("'", "")) if word not in STOP_WORDS]
    return stems + [f"{first} {second}" for first, second in zip(stems, stems[1:])]


@dataclass
class Page:
    key: str
    title: str
    url: str
    kind: str
    related: Tuple[str, ...] = ()
    data: Dict[str, Any] = field(default_factory=dict)


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " . ".join(str(item) for item in value if item)
    return str(value or "")


def passages(data: Dict[str, Any]) -> List[str]:
    """The page's sentences: questions, follow-up questions, title, summary, answer, body and each keyword."""
    found = [str(q) for q in list(data.get("questions") or []) + list(data.get("follow_up_questions") or [])]
    for name in ("title", "summary", "answer", "body"):
        found += [part for part in SENTENCE.split(str(data.get(name) or "")) if len(part.split()) >= 2]
    found += [part.strip() for part in str(data.get("keywords") or "").split(",") if part.strip()]
    return found


def meaning_sentences(data: Dict[str, Any]) -> List[str]:
    """What a page is about, sentence by sentence, for its meaning: title, summary, chat answer, each keyword,
    questions and follow-up questions (the body is long and says much that residents do not ask about)."""
    found = [str(data.get(name) or "").strip() for name in ("title", "summary")]
    found += [part for part in SENTENCE.split(str(data.get("answer") or "")) if len(part.split()) >= 3]
    found += [part.strip() for part in str(data.get("keywords") or "").split(",")]
    found += [str(q) for q in list(data.get("questions") or []) + list(data.get("follow_up_questions") or [])]
    return [text for text in dict.fromkeys(found) if text]


def page_document(data: Dict[str, Any]) -> str:
    return " . ".join(_text(data.get(name)) for name, weight in FIELD_WEIGHTS for _ in range(weight))


def synonym_patterns(groups: Iterable[Sequence[str]]) -> List[Tuple[re.Pattern, str]]:
    """For each phrase of each group, the pattern that finds it as whole words and the group's other phrases."""
    found = []
    for group in groups or []:
        phrases = [str(phrase).strip().lower() for phrase in group if str(phrase).strip()]
        for phrase in phrases:
            others = " ".join(other for other in phrases if other != phrase)
            if others:
                found.append((re.compile(rf"\b{re.escape(phrase)}\b"), others))
    return found


class KnowledgeIndex:
    """TF-IDF over the pages; ``rank(text)`` gives (key, score) pairs, best first, scores from 0 to 1.

    synonyms: the site search's groups ([["tip", "household waste recycling centre"], ...]): a message with one
    phrase of a group is read with the others too."""

    def __init__(self, pages: Sequence[Dict[str, Any]], synonyms: Iterable[Sequence[str]] = (),
                 encoder: Optional[Any] = None) -> None:
        self.synonyms = synonym_patterns(synonyms)
        self.encoder = encoder
        # A turn asks about the same words more than once (understand.read, situation) and residents ask the same
        # things: each text's scores and meaning are worked out once for this index.
        self._scores_of = lru_cache(maxsize=512)(self._worked_out_scores)
        self._meaning_of = lru_cache(maxsize=512)(self._encoded)
        self._statement_vectors: Dict[str, np.ndarray] = {}  # per page, once asked about
        self.pages: Dict[str, Page] = {}
        for data in pages:
            key = data.get("key")
            if not key or not isinstance(key, str):
                continue
            self.pages[key] = Page(
                key=key, title=str(data.get("title") or ""), url=str(data.get("url") or data.get("path") or ""),
                kind=str(data.get("kind") or ""), related=tuple(k for k in data.get("related") or [] if k),
                data=data,
            )
        self.keys = list(self.pages)
        self._ready = bool(self.keys)
        if not self._ready:
            return
        documents = [page_document(self.pages[key].data) for key in self.keys]
        self.words = TfidfVectorizer(analyzer=word_features, sublinear_tf=True)
        self.chars = TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.word_docs = self.words.fit_transform(documents)
        self.char_docs = self.chars.fit_transform(documents)
        # Each question, and follow-up question, with the page it belongs to.
        question_texts, owners = [], []
        for index, key in enumerate(self.keys):
            data = self.pages[key].data
            for question in list(data.get("questions") or []) + list(data.get("follow_up_questions") or []):
                question_texts.append(str(question))
                owners.append(index)
        self.question_owner = np.array(owners, dtype=int)
        self.question_vectors = self.chars.transform(question_texts) if question_texts else None
        sentences, sentence_owners = [], []
        for index, key in enumerate(self.keys):
            for sentence in passages(self.pages[key].data):
                sentences.append(sentence)
                sentence_owners.append(index)
        self.sentence_owner = np.array(sentence_owners, dtype=int)
        self.sentence_words = TfidfVectorizer(analyzer=word_features, sublinear_tf=True)
        self.sentence_vectors = self.sentence_words.fit_transform(sentences) if sentences else None
        self._index_meaning()

    def _index_meaning(self) -> None:
        self.meaning_vectors = None
        if self.encoder is None:
            return
        texts, owners = [], []
        for index, key in enumerate(self.keys):
            for text in meaning_sentences(self.pages[key].data):
                texts.append(text)
                owners.append(index)
        if texts:
            self.meaning_vectors = self.encoder.encode(texts)
            # Each page's rows, for its nearest sentences.
            owners = np.array(owners, dtype=int)
            self.meaning_rows = [np.flatnonzero(owners == index) for index in range(len(self.keys))]

    def meant(self, text: str, limit: int = 3, keys: Optional[Iterable[str]] = None) -> List[Tuple[str, float]]:
        """The pages nearest in meaning to the text (among `keys` if given), (key, similarity from -1 to 1), best
        first; empty without the sentence model."""
        if self.meaning_vectors is None or not text.strip():
            return []
        similarity = self.meaning_vectors @ self._meaning_of(text)
        allowed = None if keys is None else set(keys)
        nearest = [(key, float(np.sort(similarity[rows])[-MEANING_NEAREST:].mean()))
                   for key, rows in zip(self.keys, self.meaning_rows)
                   if len(rows) and (allowed is None or key in allowed)]
        return sorted(nearest, key=lambda pair: -pair[1])[:limit]

    def said_on_page(self, key: str, text: str) -> Optional[str]:
        """What the page says that answers the text (one of its statements: a sentence, a list item with its
        lead-in, its cost), when one is near enough in meaning; None without the sentence model, and when the
        text is nearer to what the page is about (its title, answer and the questions residents ask for it:
        "how do I get a brown bin") than to any one thing it says."""
        page = self.pages.get(key)
        statements = [str(item) for item in (page.data.get("statements") or [])] if page else []
        if self.encoder is None or not statements or not text.strip():
            return None
        vectors = self._statement_vectors.get(key)
        if vectors is None:
            vectors = self._statement_vectors[key] = self.encoder.encode(statements)
        meant = self._meaning_of(text)
        similarity = vectors @ meant
        best = int(np.argmax(similarity))
        if similarity[best] < STATEMENT_SURE:
            return None
        if self.meaning_vectors is not None:
            rows = self.meaning_rows[self.keys.index(key)]
            if len(rows) and float(np.max(self.meaning_vectors[rows] @ meant)) >= similarity[best]:
                return None
        return statements[best]

    def __contains__(self, key: object) -> bool:
        return key in self.pages

    def get(self, key: Optional[str]) -> Optional[Page]:
        return self.pages.get(key) if key else None

    def expand(self, text: str) -> str:
        """The text with the other phrases of each synonym group it uses."""
        lowered = text.lower()
        extra = [others for pattern, others in self.synonyms if pattern.search(lowered)]
        return f"{text} {' '.join(extra)}" if extra else text

    def _encoded(self, text: str) -> np.ndarray:
        return self.encoder.encode([text])[0]

    def scores(self, text: str, with_passages: bool = False) -> np.ndarray:
        """One score per page (in self.keys' order); with_passages: the nearest sentence counts too. Read-only: the
        same array answers the same text again."""
        return self._scores_of(text, with_passages)

    def _worked_out_scores(self, text: str, with_passages: bool) -> np.ndarray:
        scores = np.zeros(len(self.keys))
        if self._ready and text.strip():
            # Synonyms widen the words (not the characters or the nearest question, which are about the wording).
            expanded = self.expand(text)
            scores = self._scores(text, expanded)
            if with_passages:
                nearest = np.zeros(len(self.keys))
                if self.sentence_vectors is not None and self.sentence_vectors.shape[1]:
                    similarity = (self.sentence_vectors @ self.sentence_words.transform([expanded]).T).toarray().ravel()
                    np.maximum.at(nearest, self.sentence_owner, similarity)
                scores = (1 - PASSAGE_SHARE) * scores + PASSAGE_SHARE * nearest
        scores.flags.writeable = False
        return scores

    def _scores(self, text: str, expanded: str) -> np.ndarray:
        words = (self.word_docs @ self.words.transform([expanded]).T).toarray().ravel()
        text_chars = self.chars.transform([text]).T  # for the pages and for their questions
        chars = (self.char_docs @ text_chars).toarray().ravel()
        document = 0.5 * words + 0.5 * chars
        nearest = np.zeros(len(self.keys))
        if self.question_vectors is not None and self.question_vectors.shape[0]:
            similarity = (self.question_vectors @ text_chars).toarray().ravel()
            np.maximum.at(nearest, self.question_owner, similarity)
        return DOCUMENT_SHARE * document + (1 - DOCUMENT_SHARE) * nearest

    def rank(self, text: str, keys: Optional[Iterable[str]] = None, limit: int = 5,
             with_passages: bool = False) -> List[Tuple[str, float]]:
        """The best pages for the text (among `keys` if given), best first."""
        scores = self.scores(text, with_passages)
        allowed = None if keys is None else set(keys)
        ranked = sorted(
            ((key, float(score)) for key, score in zip(self.keys, scores) if allowed is None or key in allowed),
            key=lambda pair: -pair[1],
        )
        return ranked[:limit]

    def has_words(self, text: str) -> bool:
        """Does the text hold any word the pages use (beyond stop words)?"""
        if not self._ready:
            return False
        return self.words.transform([text]).nnz > 0


# The bot's own training data: a page the assistant answers with a form of its own (the bin day) has its
# residents' phrasings here rather than in the CMS.
OWN_NLU = Path(__file__).resolve().parent.parent / "data" / "nlu"
# The training data exported from the CMS (make bot-export): the pages' questions as last trained.
EXPORTED_NLU = Path(__file__).resolve().parent.parent / "export" / "data" / "nlu"
ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def examples_by_intent(directory: Path) -> Dict[str, List[str]]:
    """Rasa NLU examples by intent (entity annotations taken out: "[WM2 4HT](postcode)" -> "WM2 4HT")."""
    found: Dict[str, List[str]] = {}
    for path in sorted(directory.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            if isinstance(item, dict) and item.get("intent") and isinstance(item.get("examples"), str):
                found.setdefault(item["intent"], []).extend(
                    ANNOTATION.sub(r"\1", line.strip()[2:]) for line in item["examples"].splitlines()
                    if line.strip().startswith("- ")
                )
    return found


@lru_cache(maxsize=1)
def own_questions() -> Dict[str, List[str]]:
    """The bot's own examples by intent."""
    return examples_by_intent(OWN_NLU)


def with_own_questions(pages: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Each page, with the bot's own examples as its questions when the CMS has none for it."""
    own = own_questions()
    return [{**page, "questions": own[page.get("key")]} if not page.get("questions") and own.get(page.get("key"))
            else page for page in pages]


class Knowledge:
    """The index of the site's pages, kept up to date from the web API (thread-safe).

    A new index is built beside the one in use and then put in its place: building one works out the meaning of every
    page (seconds on a busy machine), and a turn that waited for it timed out at the web app (5 s: "the assistant is
    not available"). A turn uses the index there is; only before the first one is built does it wait, a little."""

    def __init__(self, check_seconds: Optional[float] = None) -> None:
        self.check_seconds = config.KNOWLEDGE_CHECK_SECONDS if check_seconds is None else check_seconds
        self._lock = threading.Lock()  # guards when the site was last asked
        self._building = threading.Lock()  # one build at a time
        self._built = threading.Event()  # set once an index of the site's pages is in use
        self._index = KnowledgeIndex([])
        self._version = ""
        self._checked_at = float("-inf")

    def index(self, client: Any) -> KnowledgeIndex:
        with self._lock:
            due = time.monotonic() - self._checked_at >= self.check_seconds
            if due:
                self._checked_at = time.monotonic()
        if due and self._building.acquire(blocking=False):
            try:
                self._refresh(client)
            finally:
                self._building.release()
        elif not self._built.is_set():
            self._built.wait(config.KNOWLEDGE_FIRST_WAIT_SECONDS)  # the first index, being built now
        return self._index

    def refresh(self, client: Any) -> bool:
        """Ask the site now; True when the pages are indexed."""
        with self._lock:
            self._checked_at = time.monotonic()
        with self._building:
            self._refresh(client)
        return bool(self._version)

    def _refresh(self, client: Any) -> None:
        try:
            body = client.knowledge(self._version)
        except CmsError as error:
            logger.warning("Could not refresh the pages' knowledge: %s", error)
            return
        if body.get("unchanged"):
            return
        pages = with_own_questions([page for page in body.get("pages") or [] if isinstance(page, dict)])
        synonyms = [group for group in body.get("synonyms") or [] if isinstance(group, list)]
        started = time.monotonic()
        self._index = KnowledgeIndex(pages, synonyms, encoder=get_encoder())
        self._version = str(body.get("version") or "")
        self._built.set()
        logger.info("Indexed %d pages (version %s) in %.2f s", len(pages), self._version, time.monotonic() - started)


_knowledge: Shared[Knowledge] = Shared(Knowledge)
get_knowledge = _knowledge.get
reset_knowledge = _knowledge.reset


def warm_up(retry_seconds: float = 120.0) -> None:
    """Index the pages before the first message (their meaning takes some seconds the first time). When the
    web app does not answer yet (every process starts at once), the meaning of the questions last trained is
    worked out now, so the index that follows needs little more, and the site is asked again in the
    background for a while."""
    knowledge = get_knowledge()
    if knowledge.refresh(get_client()):
        return
    encoder = get_encoder()
    if encoder is not None and EXPORTED_NLU.is_dir():
        encoder.encode([text for texts in examples_by_intent(EXPORTED_NLU).values() for text in texts])

    def retry() -> None:
        deadline = time.monotonic() + retry_seconds
        while time.monotonic() < deadline and not knowledge.refresh(get_client()):
            time.sleep(5)

    threading.Thread(target=retry, name="knowledge-warm-up", daemon=True).start()
