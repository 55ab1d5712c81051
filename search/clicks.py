"""What residents chose for the same words: pages often clicked for a search rise a little in its ranking.

Evidence is the query log's clicks (one per logged search at most) for exactly these words over the last
SEARCH_CLICK_DAYS days. Below SEARCH_CLICK_MIN clicks there is no boost; above, a page gets up to
SEARCH_CLICK_BOOST points in proportion to its share of the clicks, which reorders close results but
cannot lift a page that does not match the words (only the backend's candidates are ranked). The shares
are cached for a few minutes per query, so a busy search costs one small aggregate now and then.
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


def click_shares(query_text, site=None):
    """{site-relative path: share of the clicks} for these search words on this council's site, or {} without
    enough evidence. Another council's residents' clicks never count: its pages have the same paths."""
    if settings.SEARCH_CLICK_BOOST <= 0:
        return {}
    words = normalise_for_log(query_text)
    if not words:
        return {}
    site_id = site.pk if site else None
    key = f"search-clicks:{site_id}:" + hashlib.sha1(words.encode()).hexdigest()
    shares = cache.get(key)
    if shares is None:
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
