"""Which search backend answers, and the database fallback when the search server (OpenSearch or
Elasticsearch) fails.

If the search server is configured but a search on it fails, the same search runs on the database backend
(kept up to date on every publish) and a warning is logged; the server is then left alone for a short while
(a circuit breaker shared through the cache) so residents don't each wait for it.
"""
import logging

from django.conf import settings
from modelsearch.backends import get_search_backend

from sitewide.circuit_breaker import CircuitBreaker

from .models import SearchBackendName

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30

# One failure opens it: the server is then left alone for RETRY_SECONDS by every process sharing the cache,
# after which one search tries it again.
breaker = CircuitBreaker("search-server", failure_threshold=1, open_seconds=RETRY_SECONDS)


def server_kind(backend_name="default"):
    """SearchBackendName.OPENSEARCH or .ELASTICSEARCH for a search-server backend, None for a database one."""
    conf = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get(backend_name, {})
    path = conf.get("BACKEND", "").lower()
    if "opensearch" in path:
        return SearchBackendName.OPENSEARCH
    if "elasticsearch" in path:
        return SearchBackendName.ELASTICSEARCH
    return None


def is_search_server(backend_name="default"):
    return server_kind(backend_name) is not None


_backends = {}  # name -> (its settings, the backend): one client (and its connection pool) per configuration


def backend_named(name):
    """The search backend called `name`, made once per configuration (override_settings makes a new one)."""
    conf = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get(name)
    cached = _backends.get(name)
    if cached is None or cached[0] is not conf:
        cached = _backends[name] = (conf, get_search_backend(name))
    return cached[1]


def backend_chain():
    """[(backend name, label for the log)] to try in order."""
    configured = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    kind = server_kind("default")
    if kind is None:
        return [("default", SearchBackendName.DATABASE)]
    fallback = "database" if "database" in configured else "search.database_backend"
    if not breaker.allow():
        return [(fallback, SearchBackendName.FALLBACK)]
    return [("default", kind), (fallback, SearchBackendName.FALLBACK)]


def run_with_fallback(work):
    """Call work(backend, on_server) on the first backend that works; returns (result, log label).
    on_server is True for OpenSearch or Elasticsearch, False for a database backend."""
    chain = backend_chain()
    for index, (name, label) in enumerate(chain):
        last = index == len(chain) - 1
        on_server = label in (SearchBackendName.OPENSEARCH, SearchBackendName.ELASTICSEARCH)
        try:
            result = work(backend_named(name), on_server)
        except Exception as error:
            if not on_server or last:
                raise
            breaker.record_failure()
            logger.warning(
                "%s search failed (%s: %s); using the database search backend for %s seconds.",
                label.label,
                type(error).__name__,
                error,
                RETRY_SECONDS,
            )
            continue
        if on_server:
            breaker.record_success()  # closes the circuit after a probe that worked
        return result, label
    raise AssertionError("unreachable")
