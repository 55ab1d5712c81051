"""What residents chose for the same words: pages often clicked for a search rise a little in its ranking.

Evidence is the query log's clicks (one per logged search at most) for exactly these words over the last
SEARCH_CLICK_DAYS days. Below SEARCH_CLICK_MIN clicks there is no boost; above, a page gets up to
SEARCH_CLICK_BOOST points in proportion to its share of the clicks, which reorders close results but
cannot lift a page that does not match the words (only the backend's candidates are ranked). The shares
are cached for a few minutes per query, so a busy search costs one small aggregate now and then.

Most searches are words no resident has clicked a result for. So the cache also marks the words that have
clicks (`mark_clicked`, on every click; all of them at once when the marks are missing or a day old): words
without a mark have no shares, read with the cached shares in one round trip and without the aggregate.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from sitewide.pages import site_path

from .models import SearchQueryLog
from .text import normalise_for_log

CACHE_SECONDS = 300
MARKS_SECONDS = 24 * 3600  # the marks are read again from the log this often (a cache that drops keys heals)


def click_shares(query_text, site=None):
    """{site-relative path: share of the clicks} for these search words on this council's site, or {} without
    enough evidence. Another council's residents' clicks never count: its pages have the same paths."""
    if settings.SEARCH_CLICK_BOOST <= 0:
        return {}
    words = normalise_for_log(query_text)
    if not words:
        return {}
    site_id = site.pk if site else None
    key, mark, marked = shares_key(words, site_id), clicked_key(words, site_id), marks_key(site_id)
    found = cache.get_many([key, mark, marked])
    if key in found:
        return found[key]
    if marked not in found:
        mark_every_clicked(site_id)
    elif mark not in found:
        return {}  # no resident has chosen a result for these words
    since = timezone.now() - timedelta(days=settings.SEARCH_CLICK_DAYS)
    rows = (
        SearchQueryLog.objects.filter(query=words, created_at__gte=since, site_id=site_id)
        .exclude(clicked_url="")
        .values("clicked_url")
        .annotate(clicks=Count("id"))
    )
    counts = {row["clicked_url"]: row["clicks"] for row in rows}
    total = sum(counts.values())
    shares = {path: clicks / total for path, clicks in counts.items()} if total >= settings.SEARCH_CLICK_MIN else {}
    cache.set(key, shares, CACHE_SECONDS)
    return shares


def words_key(kind, words, site_id):
    return f"search-{kind}:{site_id}:{hashlib.sha1(words.encode()).hexdigest()}"


def shares_key(words, site_id):
    return words_key("clicks", words, site_id)


def clicked_key(words, site_id):
    """The mark of words a resident chose a result for."""
    return words_key("clicked", words, site_id)


def mark_seconds():
    return settings.SEARCH_CLICK_DAYS * 24 * 3600  # a mark lasts as long as the clicks it stands for count


def marks_key(site_id):
    return f"search-clicked-marked:{site_id}"


def mark_clicked(words, site_id):
    """A resident chose a result for these (logged) words: their shares are read from the log from now on."""
    cache.set(clicked_key(words, site_id), True, mark_seconds())
    cache.delete(shares_key(words, site_id))


def mark_every_clicked(site_id):
    """Mark every search words with a click within SEARCH_CLICK_DAYS, then note that the marks are complete."""
    since = timezone.now() - timedelta(days=settings.SEARCH_CLICK_DAYS)
    clicked = (
        SearchQueryLog.objects.filter(created_at__gte=since, site_id=site_id)
        .exclude(clicked_url="")
        .values_list("query", flat=True)
        .distinct()
    )
    keys = [clicked_key(words, site_id) for words in clicked]
    for start in range(0, len(keys), 1000):
        cache.set_many(dict.fromkeys(keys[start : start + 1000], True), mark_seconds())
    cache.set(marks_key(site_id), True, MARKS_SECONDS)


def click_boosts(pages, shares):
    """{page id: boost} for the candidates residents chose for these words."""
    if not shares:
        return {}
    boosts = {}
    for page in pages:
        share = shares.get(site_path(page.url_path))
        if share:
            boosts[page.pk] = settings.SEARCH_CLICK_BOOST * share
    return boosts
