"""`/healthz` for load balancers and the process runner: database, cache and search, as JSON.

200 when every check passes, 503 when any fails (with the failing check's error), so a balancer
takes a web process out when it cannot serve residents. Never cached, no session, no rate limit.
"""
import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was just stored")
    finally:
        cache.delete(key)


def check_search():
    """A real query on the default backend (OpenSearch/Elasticsearch when configured): a down cluster fails."""
    list(get_search_backend("default").search("council", Page.objects.live())[:1])


CHECKS = {"database": check_database, "cache": check_cache, "search": check_search}


def run_checks():
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
            results[name] = {"ok": True}
        except Exception as exc:  # any failure of a dependency is an unhealthy answer, never a 500
            logger.warning("Health check %s failed: %s", name, exc)
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
            healthy = False
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return healthy, results


@never_cache
@require_GET
def healthz(request):
    healthy, checks = run_checks()
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)
