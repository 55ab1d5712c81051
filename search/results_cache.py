"""A search's results kept for a few minutes, for the results page and the assistant's search API.

Residents ask the same few hundred things, and each fresh search costs a dozen database queries (spelling,
matching, re-ranking, the results' pages and sections). The outcome is kept under the content's versions: the page
cache's (bumped on publish, unpublish, settings and disruptions) and the vocabulary's (bumped on any page, synonym or
best bet change), so an edit shows at once. The timeout is the click boosts' (clicks.CACHE_SECONDS), which are
kept that long already. The query log is still written for every search, by the caller.

Hits keep a small reference to their page (`PageRef`), never the page itself, so what is kept is small and the
same whether it came from the cache or not.
"""
import hashlib
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache

from sitewide.page_cache import current_version as page_cache_version

from . import engine
from .hits import PageRef, section_titles
from .vocabulary import current_version as vocabulary_version


@dataclass(frozen=True)
class Section:
    title: str


def cache_key(query, site, offset, limit, correct):
    words = f"{query.normalised}|{int(correct)}|{offset}|{limit}"
    digest = hashlib.sha1(words.encode()).hexdigest()
    site_id = site.pk if site else 0
    return f"search-results:{page_cache_version()}:{vocabulary_version()}:{site_id}:{digest}"


def search(query, *, site, request, offset, limit, correct=True):
    """(engine Outcome with PageRef pages, {page id: Section}) for this query, from the cache when it can."""
    seconds = settings.SEARCH_RESULTS_CACHE_SECONDS
    key = cache_key(query, site, offset, limit, correct) if seconds > 0 else None
    kept = cache.get(key) if key else None
    if kept is not None:
        return kept
    outcome = engine.search(
        query, site=site, request=request, offset=offset, limit=limit, correct=correct, with_pages=False
    )
    found = section_titles(site, [hit.page for hit in outcome.hits if hit.page is not None])
    areas = {pk: Section(title=title) for pk, title in found.items()}
    outcome.hits = [
        replace(hit, page=PageRef(hit.page.pk, hit.page.path, hit.page.depth) if hit.page is not None else None)
        for hit in outcome.hits
    ]
    if key:
        cache.set(key, (outcome, areas), seconds)
    return outcome, areas
