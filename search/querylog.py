"""The anonymous query log: what residents searched for, how many results they got and what they clicked."""
import uuid
from urllib.parse import urlsplit

from django.utils import timezone

from .models import SearchQueryLog, SearchSource
from .text import normalise_for_log


def log_search(query, outcome, source=SearchSource.SITE):
    text = normalise_for_log(query)
    if not text:
        return None
    corrected = normalise_for_log(outcome.corrected) if outcome and outcome.corrected else ""
    return SearchQueryLog.objects.create(
        query=text,
        corrected_query=corrected,
        result_count=outcome.total if outcome else 0,
        backend=outcome.backend if outcome else SearchQueryLog._meta.get_field("backend").default,
        source=source,
    )


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
