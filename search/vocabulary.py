"""The words a council's pages use, for spelling correction, word weights and synonym expansion.

Each council's words are its own: built from what editors write for residents on the pages of its site's tree
(titles, search keywords, summaries and short answers) plus the synonyms its searches use, so a correction only
ever offers a word that finds pages on the resident's council's site. The synonyms list and how many links point at
each page (Wagtail's reference index, for ranking) are shared by every council. One `Kept` vocabulary holds it all
in memory: the shared part is built at once, each council's words on the first search of its site. It is rebuilt
when a page is published, unpublished or deleted, or a synonym changes (a version number in the cache tells every
process), and at least once an hour.
"""
import difflib
import itertools
import math
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page, ReferenceIndex

from cms_pages.models import CouncilPage, TaskFormPage
from sitewide.current_site import current_site
from sitewide.read_once import ReadOncePerRequest

from .models import Synonym
from .text import STOP_WORDS, stem, stems, tokenize

VERSION_KEY = "search:vocabulary-version"
MAX_AGE_SECONDS = 3600
MIN_WORD_LENGTH = 3
SIMILARITY_CUTOFF = 0.8
MAX_CLOSEST_KEPT = 10_000  # words looked up for spelling, per vocabulary

_lock = threading.Lock()
_current = {"version": None, "built_at": 0.0, "vocabulary": None}


@dataclass
class Vocabulary:
    """One council's words (or every page's, with no site at all), with what every council shares."""

    words: Counter = field(default_factory=Counter)  # surface word -> pages using it
    # (stem, stem) of words side by side in the council's text ("council tax"): a joined word is split only into a
    # pair residents would read there ("counciltax"), never into one they would not ("bedroom" is not "bed room")
    pairs: set = field(default_factory=set)
    stem_df: Counter = field(default_factory=Counter)  # stem -> pages using it
    documents: int = 0
    # [(council's site id, or None for every council, [phrase, phrase, ...] as word tuples)]
    synonym_groups: list = field(default_factory=list)
    inbound_links: Counter = field(default_factory=Counter)  # page id -> other pages and snippets linking to it
    by_length: dict = field(default_factory=dict)
    # page id -> (page type, ranking.PageText): a page's words as re-ranking reads them, filled as pages become
    # candidates and kept while this vocabulary is (until the next change of content)
    page_texts: dict = field(default_factory=dict)
    closest_words: dict = field(default_factory=dict)  # a word -> the most similar word we use (or None)
    # editors' best bets on this council's site (hits.best_bets), read at its first search and kept while this
    # vocabulary is (a change of best bets or pages is a new one)
    best_bets: list = None

    def add_document(self, text):
        tokens = tokenize(text)
        self.add_pairs(tokens)
        words = set(tokens)
        self.documents += 1
        self.words.update(word for word in words if word.isalpha() and len(word) >= MIN_WORD_LENGTH)
        self.stem_df.update({stem(word) for word in words})

    def add_pairs(self, words):
        self.pairs.update(itertools.pairwise(stems(words)))

    def finish(self):
        for word in self.words:
            self.by_length.setdefault(len(word), []).append(word)
        return self

    def synonyms_for(self, site_id):
        """The synonym groups a council's searches use: its own, and every council's for words it has none for
        (a council's own synonym for a term replaces the shared one)."""
        own = [group for owner, group in self.synonym_groups if owner is not None and owner == site_id]
        terms = {group[0] for group in own}
        shared = [group for owner, group in self.synonym_groups if owner is None and group[0] not in terms]
        return own + shared

    def idf(self, word_stem):
        return math.log((self.documents + 1) / (self.stem_df.get(word_stem, 0) + 0.5))

    def knows(self, word):
        return word in self.words or stem(word) in self.stem_df

    def split_joined(self, word):
        """'counciltax' -> ['council', 'tax'] when both halves are words we use, side by side somewhere."""
        best = None
        for i in range(MIN_WORD_LENGTH, len(word) - MIN_WORD_LENGTH + 1):
            left, right = word[:i], word[i:]
            if left in STOP_WORDS or right in STOP_WORDS or (stem(left), stem(right)) not in self.pairs:
                continue
            if self.knows(left) and self.knows(right):
                weight = min(self.words.get(left, 1), self.words.get(right, 1))
                if best is None or weight > best[0]:
                    best = (weight, [left, right])
        return best[1] if best else None

    def closest(self, word):
        """The most similar word we use (ratio >= 0.8), preferring common words on a tie. Kept per word while this
        vocabulary is: residents misspell the same words, and comparing one with every word of a similar length is
        ~1 ms."""
        if word not in self.closest_words:
            if len(self.closest_words) >= MAX_CLOSEST_KEPT:
                self.closest_words.clear()
            self.closest_words[word] = self.most_similar(word)
        return self.closest_words[word]

    def most_similar(self, word):
        candidates = []
        for length in range(len(word) - 2, len(word) + 3):
            candidates.extend(self.by_length.get(length, ()))
        matcher = difflib.SequenceMatcher(b=word, autojunk=False)
        best = None
        for candidate in candidates:
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < SIMILARITY_CUTOFF or matcher.quick_ratio() < SIMILARITY_CUTOFF:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILARITY_CUTOFF:
                key = (ratio, self.words[candidate])
                if best is None or key > best[0]:
                    best = (key, candidate)
        return best[1] if best else None


def page_text_rows(root_path=None):
    """(title, summary, keywords, answer) for every live, public council page in the tree under `root_path`
    (a site's home page), or in every tree."""
    for model in apps.get_models():
        if not issubclass(model, CouncilPage) or model._meta.abstract or issubclass(model, TaskFormPage):
            continue
        names = [f.name for f in model._meta.get_fields()]
        wanted = ["title", "summary"] + [name for name in ("search_keywords", "answer") if name in names]
        pages = model.objects.live().public().exact_type(model)
        if root_path is not None:
            pages = pages.filter(path__startswith=root_path)
        for row in pages.values_list(*wanted):
            yield " ".join(value or "" for value in row)


def inbound_links():
    """{page id: how many other objects (pages, snippets) link to it}, from Wagtail's reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    sources = (
        ReferenceIndex.objects.filter(to_content_type=page_type)
        .values_list("to_object_id", "base_content_type_id", "object_id")
        .distinct()
    )
    counts = Counter()
    for to_object_id, source_type, source_id in sources.iterator(chunk_size=5000):
        if to_object_id.isdigit() and not (source_type == page_type.pk and source_id == to_object_id):
            counts[int(to_object_id)] += 1
    return counts


@dataclass
class Kept:
    """The vocabulary of one version of the content: the shared part, and each council's words once searched."""

    synonym_groups: list  # as Vocabulary.synonym_groups
    inbound_links: Counter
    page_texts: dict = field(default_factory=dict)  # shared: page ids are unique across councils
    by_site: dict = field(default_factory=dict)  # (site id, home page id) -> Vocabulary
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def for_site(self, site):
        # Keyed by the home page too: a site moved to another tree gets that tree's words
        key = (site.pk, site.root_page_id) if site is not None else None
        vocabulary = self.by_site.get(key)
        if vocabulary is None:
            with self.lock:  # one build per council, however many searches arrive meanwhile
                vocabulary = self.by_site.get(key)
                if vocabulary is None:
                    vocabulary = self.by_site[key] = self.build_for(site)
        return vocabulary

    def build_for(self, site):
        vocabulary = Vocabulary(
            synonym_groups=self.synonym_groups, inbound_links=self.inbound_links, page_texts=self.page_texts
        )
        if site is None:
            rows = page_text_rows()
        else:
            root_path = Page.objects.filter(pk=site.root_page_id).values_list("path", flat=True).first()
            rows = page_text_rows(root_path) if root_path else ()  # no home page: no pages, never every council's
        for text in rows:
            vocabulary.add_document(text)
        # The words of the synonyms this council's searches use ("tip"), never another council's own
        for group in vocabulary.synonyms_for(site.pk if site is not None else None):
            for phrase in group:
                vocabulary.words.update(word for word in phrase if not word.isdigit())
                vocabulary.add_pairs(phrase)
        return vocabulary.finish()


def build_kept():
    kept = Kept(synonym_groups=[], inbound_links=inbound_links())
    for synonym in Synonym.objects.filter(live=True):
        group = [tuple(tokenize(phrase)) for phrase in synonym.group()]
        group = [phrase for phrase in group if phrase]
        if len(group) > 1:
            kept.synonym_groups.append((synonym.site_id, group))
    return kept


def read_version():
    """Changes whenever what residents can find changes (a page, a synonym, a best bet): in the shared cache."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(uuid.uuid4())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


# A search reads the version for its kept results, the vocabulary and its kept page: once per request (opened and
# closed by request_started and request_finished); a request that changes what residents can find reads the new one.
request_version = ReadOncePerRequest("vocabulary_version", read_version)


def current_version():
    return request_version.get()


def request_started(**kwargs):
    request_version.open()


def request_finished(**kwargs):
    request_version.close()


def get_vocabulary(site=None):
    """The vocabulary of a council's site (without one, the default site's, as search itself: queries.base_queryset)."""
    site = site or current_site()
    version = current_version()
    now = time.monotonic()
    current = _current
    fresh = current["version"] == version and now - current["built_at"] < MAX_AGE_SECONDS
    kept = current["vocabulary"]
    if kept is None or not fresh:
        with _lock:
            kept = build_kept()
            _current.update(version=version, built_at=now, vocabulary=kept)
    return kept.for_site(site)


def invalidate(*args, **kwargs):
    cache.set(VERSION_KEY, str(uuid.uuid4()), None)
    _current["vocabulary"] = None
    request_version.forget()
