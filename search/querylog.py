"""The anonymous query log: what residents searched for, how many results they got and what they clicked;
and the one way to read it (top searches, searches with no results) for reports and dashboards."""
import uuid
from urllib.parse import urlsplit

from django.db.models import Avg, Case, CharField, Count, F, IntegerField, Max, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Site

from sitewide.after_response import after_response
from sitewide.council_staff import sites_or_default

from .clicks import mark_clicked
from .models import SearchQueryLog, SearchSource
from .text import normalise_for_log


def search_log(outcome, source=SearchSource.SITE, site=None):
    """The log of one search (an engine Outcome) on a council's site, not yet stored (`stored_after`): its words
    redacted, the result count and the backend. None for a search with no words left to log."""
    text = normalise_for_log(outcome.query.text)
    if not text:
        return None
    return SearchQueryLog(
        query=text,
        corrected_query=normalise_for_log(outcome.corrected) if outcome.corrected else "",
        result_count=outcome.total,
        some_words_only=outcome.some_words_only,
        backend=outcome.backend,
        source=source,
        site=site,
    )


def stored_after(response, log):
    """`response`, after which `log` is stored: its token is in the page's links already, and the row costs a round
    trip to the database that the resident need not wait for (a tenth of a first-time search). A click comes
    seconds later, when the row is there."""
    return after_response(response, lambda: log.save(force_insert=True)) if log is not None else response


def find_log(token):
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        return None
    return SearchQueryLog.objects.filter(token=token).first()


def safe_internal_path(url):
    """The path if `url` is a path on this site ("/bins-and-recycling/"), else None: no scheme, no host,
    no protocol-relative "//host", no backslashes or control characters (no open redirect)."""
    if not url or not isinstance(url, str) or len(url) > 2000:
        return None
    if any(ch in url for ch in "\\\r\n\t") or any(ord(ch) < 32 for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith("//"):
        return None
    return url


def log_click(log, path, position=None):
    """Remember the result a resident chose (the path only: no query string, which could hold anything)."""
    log.clicked_url = urlsplit(path).path[:255]
    log.clicked_position = position if position is not None and 0 < position < 1000 else None
    log.clicked_at = timezone.now()
    log.save(update_fields=["clicked_url", "clicked_position", "clicked_at"])
    mark_clicked(log.query, log.site_id)


# Reading the log: one place for the Reports menu and the feedback dashboard -------------------------------


def searches_since(since, councils=None):
    """Every logged search from `since` on (a datetime), newest first; only the searches of the councils (Site ids)
    `councils` if given (one logged with none is the default council's)."""
    logs = SearchQueryLog.objects.filter(created_at__gte=since)
    return logs if councils is None else logs.filter(sites_or_default(councils))


def per_council(logs, by_council):
    """(logs, the fields a row is per): per search words, and per council (`council`, a Site id; none logged:
    the default council's) if `by_council`, so each council's searches are counted apart."""
    if not by_council:
        return logs, ["query"]
    default = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    return logs.annotate(council=Coalesce("site", Value(default, output_field=IntegerField()))), ["query", "council"]


def top_searches(logs, by_council=False):
    """Rows per search words (and council, if `by_council`): searches, average_results, clicks, last_searched;
    most searched first."""
    logs, fields = per_council(logs, by_council)
    return (
        logs.values(*fields)
        .annotate(
            searches=Count("id"),
            average_results=Avg("result_count"),
            clicks=Count("id", filter=~Q(clicked_url="")),
            last_searched=Max("created_at"),
        )
        .order_by("-searches", "query")
    )


def no_result_searches(logs, by_council=False):
    """Rows per search words (and council, if `by_council`) that found nothing, or only pages with some of the
    words: searches, some_words (how many of them found pages with some of the words), found (that in words),
    last_searched; most searched first."""
    logs, fields = per_council(logs.filter(Q(result_count=0) | Q(some_words_only=True)), by_council)
    return (
        logs.values(*fields)
        .annotate(
            searches=Count("id"),
            some_words=Count("id", filter=Q(result_count__gt=0)),
            last_searched=Max("created_at"),
        )
        .annotate(
            found=Case(
                When(some_words=0, then=Value("Nothing")),
                When(some_words=F("searches"), then=Value("Only pages with some of the words")),
                default=Value("Nothing, or only pages with some of the words"),
                output_field=CharField(),
            )
        )
        .order_by("-searches", "query")
    )
