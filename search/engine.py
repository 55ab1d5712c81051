"""Site search, built for what residents type.

1. Clean and split the words; correct spelling against the council's own vocabulary and split joined words
   ("bin colection" -> "bin collection", "counciltax" -> "council tax").
2. Expand the council's synonyms ("tip" -> "household waste recycling centre").
3. Ask the search backend (Elasticsearch with fuzzy matching, or the database) for pages matching every
   meaningful word of the query or of one of its expansions; if nothing matches, for any of the words.
4. Re-rank the best candidates the same way on every backend: titles and editors' search keywords weigh
   more than summaries, which weigh more than body text (the backend's own order), and task pages come
   before guides and other pages for the same words.
5. Editors' best bets (promoted results) go first.

If Elasticsearch is configured but fails, the same search runs on the database backend and a warning is
logged; Elasticsearch is then left alone for a short while so residents don't each wait for it.
"""
import logging
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page, Site
from wagtail.search.query import And, Fuzzy, Or, PlainText

from .models import SearchBackendName
from .text import STOP_WORDS, clean_query, content_words, normalise, stem, stems, tokenize, variants
from .vocabulary import get_vocabulary

logger = logging.getLogger(__name__)

RERANK_CANDIDATES = 200  # candidates re-ranked per query; beyond them the backend's own order is kept
ELASTICSEARCH_RETRY_SECONDS = 30
SYNONYM_WEIGHT = 0.9  # a page matching the resident's own words wins a tie with one matching a synonym
MAX_ALTERNATIVES = 8


def type_weights():
    from cms_pages.models import (
        ContactPage,
        GuidePage,
        GuidePartPage,
        HomePage,
        ServiceAreaPage,
        SignpostPage,
        StandardPage,
        StepByStepPage,
        TaskPage,
        UrgentPage,
    )

    return {
        TaskPage: 1.0,
        UrgentPage: 1.0,
        SignpostPage: 1.0,
        GuidePage: 0.85,
        StepByStepPage: 0.85,
        ContactPage: 0.8,
        ServiceAreaPage: 0.75,
        GuidePartPage: 0.75,
        StandardPage: 0.7,
        HomePage: 0.5,
    }


# Elasticsearch circuit breaker ------------------------------------------------------------------------------


class ElasticsearchBreaker:
    """After a failure, skip Elasticsearch for a while so residents don't each wait for a dead cluster."""

    def __init__(self):
        self._lock = threading.Lock()
        self.down_until = 0.0

    def is_open(self):
        return time.monotonic() < self.down_until

    def trip(self, seconds=ELASTICSEARCH_RETRY_SECONDS):
        with self._lock:
            self.down_until = time.monotonic() + seconds

    def reset(self):
        with self._lock:
            self.down_until = 0.0


breaker = ElasticsearchBreaker()


def is_elasticsearch(backend_name="default"):
    conf = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get(backend_name, {})
    return "elasticsearch" in conf.get("BACKEND", "") or "opensearch" in conf.get("BACKEND", "")


def backend_chain():
    """[(backend name, label for the log)] to try in order."""
    configured = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    if not is_elasticsearch("default"):
        return [("default", SearchBackendName.DATABASE)]
    fallback = "database" if "database" in configured else "search.database_backend"
    if breaker.is_open():
        return [(fallback, SearchBackendName.FALLBACK)]
    return [("default", SearchBackendName.ELASTICSEARCH), (fallback, SearchBackendName.FALLBACK)]


def run_with_fallback(work):
    """Call work(backend, is_elasticsearch) on the first backend that works; returns (result, log label)."""
    chain = backend_chain()
    for index, (name, label) in enumerate(chain):
        last = index == len(chain) - 1
        elastic = label == SearchBackendName.ELASTICSEARCH
        try:
            return work(get_search_backend(name), elastic), label
        except Exception as error:
            if not elastic or last:
                raise
            breaker.trip()
            logger.warning(
                "Elasticsearch search failed (%s: %s); using the database search backend for %s seconds.",
                type(error).__name__,
                error,
                ELASTICSEARCH_RETRY_SECONDS,
            )
    raise AssertionError("unreachable")


# Query analysis ---------------------------------------------------------------------------------------------


@dataclass
class Analysis:
    query: str  # what the resident typed, cleaned
    words: list  # their words
    corrected_words: list  # after spelling correction
    alternatives: list = field(default_factory=list)  # [(content words, weight)]

    @property
    def corrected(self):
        """The corrected query to show ("Showing results for ..."), or None when nothing changed."""
        return " ".join(self.corrected_words) if self.corrected_words != self.words else None

    @property
    def highlight_stems(self):
        return {stem(word) for words, _ in self.alternatives for word in words}


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
    word_stems, phrase_stems = stems(words), stems(list(phrase))
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


def analyse(query, vocabulary, is_known_to_backend=lambda word: False, correct=True):
    query = clean_query(query)
    words = tokenize(query)
    corrected = correct_words(words, vocabulary, is_known_to_backend) if correct else list(words)
    analysis = Analysis(query=query, words=words, corrected_words=corrected)
    seen = set()
    for alternative, weight in expand_synonyms(corrected, vocabulary.synonym_groups):
        terms = tuple(dict.fromkeys(content_words(alternative)))
        if terms and terms not in seen:
            seen.add(terms)
            analysis.alternatives.append((list(terms), weight))
    return analysis


# Backend queries --------------------------------------------------------------------------------------------


def combine(kind, queries):
    queries = list(queries)
    return queries[0] if len(queries) == 1 else kind(queries)


def term_query(word, elastic):
    if elastic:
        # Elasticsearch stems (light_english) and forgives typos itself.
        return Fuzzy(word) if len(word) > 3 and word.isalpha() else PlainText(word)
    if connection.vendor == "postgresql":
        return PlainText(word)  # the "english" text search configuration stems
    # SQLite FTS5 (and MySQL) don't stem: ask for the plural forms too.
    return combine(Or, (PlainText(form) for form in variants(word)))


def strict_query(analysis, elastic=False):
    """Every meaningful word of the query, or of one of its synonym expansions."""
    return combine(
        Or, (combine(And, (term_query(word, elastic) for word in words)) for words, _ in analysis.alternatives)
    )


def relaxed_query(analysis, elastic=False):
    """Any of the words: used only when nothing matches them all."""
    words = list(dict.fromkeys(word for words, _ in analysis.alternatives for word in words))
    return combine(Or, (term_query(word, elastic) for word in words))


def matches(backend, query, queryset):
    """(the best candidates in the backend's order, how many pages match). Counting is a second query,
    needed only when there are more matches than candidates."""
    results = backend.search(query, queryset)
    candidates = list(results[:RERANK_CANDIDATES])
    total = len(candidates) if len(candidates) < RERANK_CANDIDATES else results.count()
    return results, candidates, total


def base_queryset(site=None):
    from cms_pages.models import TaskFormPage

    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    queryset = Page.objects.live().public()
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    # Online forms are reached from their task page's "Start now", never straight from search.
    return queryset.not_type(TaskFormPage)


# Ranking ----------------------------------------------------------------------------------------------------


@dataclass
class PageText:
    title: set
    title_terms: set
    keywords: list  # [set of stems per keyword phrase]
    keyword_union: set
    summary: set

    @classmethod
    def of(cls, fields):
        title = stems(fields["title"])
        phrases = (fields.get("search_keywords") or "").split(",")
        keywords = [set(content_words(stems(phrase))) for phrase in phrases]
        keywords = [phrase for phrase in keywords if phrase]
        summary = " ".join(filter(None, [fields.get("summary"), fields.get("answer")]))
        return cls(
            title=set(title),
            title_terms=set(content_words(title)),
            keywords=keywords,
            keyword_union=set().union(*keywords) if keywords else set(),
            summary=set(stems(summary)),
        )


def text_score(text, terms, weights):
    """How well one page's words match one alternative's words (each word weighted by rarity)."""
    total = sum(weights.values()) or 1.0

    def coverage(bag):
        return sum(weight for term, weight in weights.items() if term in bag) / total

    title = coverage(text.title)
    keywords = coverage(text.keyword_union)
    score = 4.0 * title + 3.0 * keywords + 1.5 * coverage(text.summary)
    if title == 1.0:
        score += 1.0
        if text.title_terms == terms:
            score += 1.5
    if any(phrase == terms for phrase in text.keywords):
        score += 2.0
    elif any(terms <= phrase for phrase in text.keywords):
        score += 1.0
    return score


TEXT_FIELDS = ("summary", "search_keywords", "answer")


def candidate_texts(pages):
    """{page id: (page type, {title, summary, search_keywords, answer})}: one small query per page type,
    without loading StreamField bodies."""
    from django.contrib.contenttypes.models import ContentType

    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    texts = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        names = {field.name for field in model._meta.get_fields()}
        wanted = ["pk", "title", *(name for name in TEXT_FIELDS if name in names)]
        for row in model._default_manager.filter(pk__in=ids).values(*wanted):
            texts[row["pk"]] = (model, row)
    return texts


def rerank(candidates, analysis, vocabulary):
    """Sort the backend's candidates (Page objects, in the backend's order) by the shared scoring."""
    weights_by_type = type_weights()
    texts = candidate_texts(candidates)
    alternatives = []
    for words, weight in analysis.alternatives:
        terms = {stem(word) for word in words}
        alternatives.append((terms, {term: max(vocabulary.idf(term), 0.1) for term in terms}, weight))
    count = len(candidates) or 1
    scored = []
    for position, page in enumerate(candidates):
        model, fields = texts.get(page.pk, (type(page), {"title": page.title}))
        text = PageText.of(fields)
        best = max((weight * text_score(text, terms, weights) for terms, weights, weight in alternatives), default=0)
        body = 1.0 - position / count  # the backend's own relevance, which includes body text
        type_weight = next((w for kind, w in weights_by_type.items() if issubclass(model, kind)), 0.7)
        scored.append(((best + body) * type_weight, -position, page))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(page, score) for score, _, page in scored]


# The search itself ------------------------------------------------------------------------------------------


@dataclass
class Hit:
    title: str
    url: str
    summary: str = ""
    page: object = None
    promoted: bool = False
    score: float = 0.0


@dataclass
class Outcome:
    query: str
    analysis: Analysis = None
    total: int = 0
    hits: list = field(default_factory=list)  # the requested slice, best bets first on the first page
    backend: str = SearchBackendName.DATABASE

    @property
    def corrected(self):
        return self.analysis.corrected if self.analysis else None

    @property
    def highlight_stems(self):
        return self.analysis.highlight_stems if self.analysis else set()


def specific_in_order(pages):
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [by_pk[p.pk] for p in pages if p.pk in by_pk]


def page_hit(page, request=None, site=None, promoted=False, score=0.0):
    url = page.get_url(request=request) if request is not None else page.get_url()
    if url is None:
        return None
    if site is not None and url.startswith("http"):
        url = page.relative_url(site, request) or url
    summary = getattr(page, "summary", "") or page.search_description or ""
    return Hit(title=page.title, url=url, summary=summary, page=page, promoted=promoted, score=score)


def sections(site, pages):
    """{page id: the top-level section it sits in (a service area, or Contact us)}, for result breadcrumbs."""
    if site is None or not pages:
        return {}
    root = site.root_page
    size = len(root.path) + Page.steplen
    inside = [page for page in pages if page.depth > root.depth + 1 and page.path.startswith(root.path)]
    found = Page.objects.live().public().filter(path__in={page.path[:size] for page in inside})
    found = {section.path: section for section in found}
    return {page.pk: found[page.path[:size]] for page in inside if page.path[:size] in found}


def promotions(analysis, queryset):
    """Editors' best bets (wagtail.contrib.search_promotions) for the query or its corrected form.
    Looked up without Query.get(), which would store every query string unredacted."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    strings = {normalise(analysis.query)}
    if analysis.corrected:
        strings.add(analysis.corrected)
    picks = SearchPromotion.objects.filter(query__query_string__in=strings).select_related("query")
    picks = picks.order_by("sort_order", "pk")
    live_ids = set(queryset.filter(pk__in=[p.page_id for p in picks if p.page_id]).values_list("pk", flat=True))
    result, seen = [], set()
    for pick in picks:
        key = pick.page_id or pick.external_link_url
        if key in seen:
            continue
        if pick.page_id and pick.page_id in live_ids:
            seen.add(key)
            result.append(pick)
        elif not pick.page_id and pick.external_link_url:
            seen.add(key)
            result.append(pick)
    return result


def search(query, *, site=None, request=None, offset=0, limit=10, correct=True, with_promotions=True):
    """Search the site. Returns an Outcome with `total` matches and `limit` hits from `offset`."""
    cleaned = clean_query(query)
    if not tokenize(cleaned):
        return Outcome(query=cleaned)
    queryset = base_queryset(site)
    vocabulary = get_vocabulary()

    def work(backend, elastic):
        def is_known(word):
            return bool(list(backend.search(PlainText(word), queryset, order_by_relevance=False)[:1]))

        analysis = analyse(cleaned, vocabulary, is_known, correct=correct)
        if not analysis.alternatives:
            return analysis, 0, [], None
        results, candidates, total = matches(backend, strict_query(analysis, elastic), queryset)
        if total == 0:
            results, candidates, total = matches(backend, relaxed_query(analysis, elastic), queryset)
        ranked = rerank(candidates, analysis, vocabulary)
        return analysis, total, ranked, results

    (analysis, total, ranked, results), label = run_with_fallback(work)
    outcome = Outcome(query=cleaned, analysis=analysis, total=total, backend=label)

    # Best bets lead the first page; organic results never repeat them on any page.
    picks = promotions(analysis, queryset) if with_promotions else []
    promoted_ids = {pick.page_id for pick in picks if pick.page_id}
    ranked_ids = {page.pk for page, _ in ranked}
    outcome.total += sum(1 for pick in picks if not pick.page_id or pick.page_id not in ranked_ids)
    for pick in picks if offset == 0 else []:
        if pick.page_id:
            hit = page_hit(pick.page.specific, request, site, promoted=True)
        else:
            title = pick.external_link_text or pick.external_link_url
            hit = Hit(title=title, url=pick.external_link_url, promoted=True)
        if hit:
            hit.summary = pick.description or hit.summary
            outcome.hits.append(hit)

    organic = [(page, score) for page, score in ranked if page.pk not in promoted_ids]
    wanted = organic[offset : offset + limit]
    if len(wanted) < limit and results is not None and total > len(ranked):
        start = max(offset, len(ranked))
        tail = list(results[start : offset + limit])
        wanted += [(page, 0.0) for page in tail if page.pk not in promoted_ids]
    pages = specific_in_order([page for page, _ in wanted])
    scores = {page.pk: score for page, score in wanted}
    for page in pages:
        score = scores[page.pk]
        hit = page_hit(page, request, site, score=score)
        if hit:
            outcome.hits.append(hit)
    return outcome


def autocomplete(query, *, site=None, request=None, limit=8):
    """Task titles for the words typed so far (the last word may be half typed)."""
    from cms_pages.models import GuidePage, SignpostPage, StepByStepPage, TaskPage, UrgentPage

    words = tokenize(clean_query(query))
    if not words or len(" ".join(words)) < 2:
        return []
    *complete, partial = words
    typed = " ".join([word for word in complete if word not in STOP_WORDS] + [partial])
    queryset = base_queryset(site).type(TaskPage, GuidePage, StepByStepPage, SignpostPage, UrgentPage)

    def work(backend, elastic):
        return specific_in_order(list(backend.autocomplete(typed, queryset)[: limit * 3]))

    pages, _ = run_with_fallback(work)
    wanted = set(stems(words))
    task_types = (TaskPage, SignpostPage, UrgentPage)

    def order(item):
        position, page = item
        title = stems(page.title)
        return (
            not (wanted - {stem(partial)}) <= set(title),  # the title has the words already typed
            not any(word.startswith(stem(partial)) for word in title),  # and one starting like the last
            not isinstance(page, task_types),
            position,
        )

    pages = [page for _, page in sorted(enumerate(pages), key=order)]
    if not pages and len(partial) >= 3:
        # Nothing starts like that: fall back to the full search (spelling, synonyms), task pages only.
        outcome = search(query, site=site, request=request, limit=limit, with_promotions=False)
        pages = [hit.page for hit in outcome.hits if isinstance(hit.page, (*task_types, GuidePage, StepByStepPage))]
    hits = [page_hit(page, request, site) for page in pages[:limit]]
    return [hit for hit in hits if hit]
