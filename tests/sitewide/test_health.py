"""`/healthz`: database, cache and search checked for real; 503 with the failing check when one is down."""
import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

DEAD_REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
DEAD_SEARCH = {
    "default": {"BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": ["http://127.0.0.1:9"], "TIMEOUT": 2,
                "OPTIONS": {"max_retries": 0}},
}


def test_healthz_is_ok_when_everything_answers(site_client):
    response = site_client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert {name: check["ok"] for name, check in data["checks"].items()} == {"database": True, "cache": True,
                                                                             "search": True}
    assert "no-cache" in response["Cache-Control"]


@override_settings(CACHES=DEAD_REDIS, PAGE_CACHE_SECONDS=60)
def test_healthz_is_503_when_the_cache_is_down(site_client):
    response = site_client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False and "Connection" in checks["cache"]["error"]
    assert checks["database"]["ok"] is True


@override_settings(WAGTAILSEARCH_BACKENDS=DEAD_SEARCH)
def test_healthz_is_503_when_the_search_cluster_is_down(site_client):
    response = site_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["search"]["ok"] is False
    assert response.json()["checks"]["cache"]["ok"] is True
