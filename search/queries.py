"""The queries sent to the search backend for an Analysis, and the pages a search may return."""
from django.conf import settings
from django.db import connection
from wagtail.models import Page
from wagtail.search.query import And, Fuzzy, Or, PlainText

from cms_pages.models import TaskFormPage
from sitewide.current_site import current_site
from sitewide.page_cache import current_version as page_cache_version
from sitewide.view_restrictions import public

from .candidates import KEY_ATTRIBUTE, as_candidates
from .server_backends import search_together
from .text import variants

RERANK_CANDIDATES = 200  # candidates re-ranked per query; beyond them the backend's own order is kept
# When more pages match than that (a big council's long tail), the best-matching task pages are asked for too:
# a resident's task must not be left out of re-ranking behind hundreds of pages that mention its words.
TASK_CANDIDATES = 20


def combine(kind, queries):
    queries = list(queries)
    return queries[0] if len(queries) == 1 else kind(queries)


def term_query(word, on_server):
    if on_server:
        # OpenSearch and Elasticsearch stem (light_english) and forgive typos themselves.
        return Fuzzy(word) if len(word) > 3 and word.isalpha() else PlainText(word)
    if connection.vendor == "postgresql":
        return PlainText(word)  # the "english" text search configuration stems
    # SQLite FTS5 (and MySQL) don't stem: ask for the plural forms too.
    return combine(Or, (PlainText(form) for form in variants(word)))


def strict_query(analysis, on_server=False):
    """Every meaningful word of the query, or of one of its synonym expansions."""
    return combine(
        Or, (combine(And, (term_query(word, on_server) for word in words)) for words, _ in analysis.alternatives)
    )


def relaxed_query(analysis, on_server=False):
    """Any of the words: for a sentence, and when nothing matches them all."""
    return combine(Or, (term_query(word, on_server) for word in analysis.all_words))


def matches(backend, query, queryset, on_server=False, task_types=(), many_pages=False):
    """(the results, the best candidates in the backend's order (search.candidates), how many pages match).
    Counting is a second query, needed only when there are more matches than candidates; so are the best task
    pages (`task_types`), added after the candidates when fewer than TASK_CANDIDATES are among them. On a search
    server, for a council with more pages than candidates (`many_pages`), the task pages are asked for in the same
    request."""
    if on_server and task_types and many_pages:
        results = scored_search(backend, query, queryset)
        tasks = scored_search(backend, query, queryset.type(*task_types))
        slices = as_candidates(results[:RERANK_CANDIDATES]), as_candidates(tasks[:TASK_CANDIDATES])
        candidates, task_pages = (sorted(found, key=canonical_order) for found in search_together(*slices))
    else:
        results, candidates = best(backend, query, queryset, on_server, RERANK_CANDIDATES)
        task_pages = None
    if len(candidates) < RERANK_CANDIDATES:
        return results, candidates, len(candidates)
    # The candidates are the first of the backend's order, so when they hold enough task pages these are its best.
    if task_types and count_of_types(candidates, task_types) < TASK_CANDIDATES:
        seen = {page.pk for page in candidates}
        if task_pages is None:
            _, task_pages = best(backend, query, queryset.type(*task_types), on_server, TASK_CANDIDATES)
        candidates += [page for page in task_pages if page.pk not in seen]
    return results, candidates, results.count()


def count_of_types(pages, types):
    """How many of the (possibly not specific) pages are of one of the types or a subclass."""
    return sum(1 for page in pages if issubclass(page.specific_class or type(page), types))


def best(backend, query, queryset, on_server, limit):
    """(the results, the first `limit` of them in the backend's order: Candidates where the backend gives them)."""
    if on_server:
        results = scored_search(backend, query, queryset)
        return results, sorted(as_candidates(results[:limit]), key=canonical_order)
    results = backend.search(query, queryset)
    return results, list(as_candidates(results[:limit]))


def scored_search(backend, query, queryset):
    """A search on a cluster, each page with its score, which canonical_order reads."""
    return backend.search(query, queryset).annotate_score("_search_score")


def canonical_order(page):
    """A search cluster orders equal scores differently from one shard copy to the next, so page 2 could repeat or
    skip what page 1 showed: equal scores (to 4 significant figures) go in page id order."""
    score = getattr(page, "_search_score", None) or 0.0
    return (-float(f"{score:.4g}"), page.pk)


def is_known_to(backend, queryset):
    """A check that a word appears in any page's text (so spelling correction leaves it alone)."""

    def is_known(word):
        return bool(list(backend.search(PlainText(word), queryset, order_by_relevance=False)[:1]))

    return is_known


# Each site's base queryset, made once per version of the page cache (bumped by any publish, move or change of a
# view restriction, all that the queryset is built from): building it is ~0.6 ms of a search
_base_querysets = {}


def base_queryset(site=None):
    """Live, public pages of the site: never drafts, private pages or online forms."""
    site = site or current_site()
    if settings.PAGE_CACHE_SECONDS <= 0:
        return build_base_queryset(site)
    version = page_cache_version()
    key = (site.pk, site.root_page_id) if site is not None else None
    kept = _base_querysets.get(key)
    if kept is None or kept[0] != version:
        if len(_base_querysets) >= 1000:
            _base_querysets.clear()
        kept = _base_querysets[key] = (version, build_base_queryset(site))
    queryset = kept[1].all()  # a copy: whatever a search does with it stays its own
    setattr(queryset, KEY_ATTRIBUTE, ("base", key, version))
    return queryset


def build_base_queryset(site):
    queryset = public(Page.objects.live())
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    # Online forms are reached from their task page's "Start now", never straight from search.
    return queryset.not_type(TaskFormPage)
