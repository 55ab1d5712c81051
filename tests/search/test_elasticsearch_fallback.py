"""Elasticsearch configured but down: residents still get results from the database backend, never an error.

Nothing is mocked: ELASTICSEARCH_URL points at a local port nobody listens on, so the real Elasticsearch
client really fails to connect.
"""
import json
import logging
import socket

import environ
import pytest
from django.test import override_settings
from modelsearch.backends import get_search_backend

from search import engine
from search.backends import backends_from_env, elasticsearch_backend
from search.models import SearchQueryLog
from search.vocabulary import get_vocabulary

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the socket is


@pytest.fixture
def elasticsearch_down(monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", f"http://127.0.0.1:{closed_port()}")
    backends = backends_from_env(environ.Env())
    assert backends["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        engine.breaker.reset()
        yield
        engine.breaker.reset()


def test_settings_choose_elasticsearch_from_the_environment(monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    assert backends_from_env(environ.Env()) == {
        "default": {"BACKEND": "search.database_backend", "SEARCH_CONFIG": "english"}
    }
    monkeypatch.setenv("ELASTICSEARCH_URL", "https://search.internal:9200")
    monkeypatch.setenv("ELASTICSEARCH_INDEX_PREFIX", "staging_")
    backends = backends_from_env(environ.Env())
    default = backends["default"]
    assert default["URLS"] == ["https://search.internal:9200"] and default["INDEX_PREFIX"] == "staging_"
    assert "INDEX" not in default  # Wagtail 8 ignores it: INDEX_PREFIX it is
    assert default["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert backends["database"]["BACKEND"] == "search.database_backend"  # the standby


def test_results_page_falls_back_and_warns(site_client, elasticsearch_down, caplog):
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        response = site_client.get("/search/", {"q": "bin colection"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "url=%2Fbins-and-recycling%2Fbin-collection-day%2F" in content
    assert "Showing results for <strong>bin collection</strong>" in content
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "Elasticsearch" in r.getMessage()]
    assert warnings and "database" in warnings[0].getMessage()
    assert SearchQueryLog.objects.get().backend == "database_fallback"


def test_json_api_and_autocomplete_fall_back(site_client, elasticsearch_down):
    data = site_client.get("/api/search/", {"q": "pcn", "limit": 3}, REMOTE_ADDR="10.200.0.1").json()
    assert data["results"][0]["url"] == "/parking-and-roads/pay-a-parking-fine/" and data["count"] >= 1
    engine.breaker.reset()
    titles = [r["title"] for r in site_client.get("/api/search/autocomplete/", {"q": "bin c"}).json()["results"]]
    assert "Find your bin collection day" in titles


def test_after_a_failure_elasticsearch_is_left_alone_for_a_while(site_client, elasticsearch_down, caplog):
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        site_client.get("/search/", {"q": "tip"})
        site_client.get("/search/", {"q": "pcn"})
    assert sum("Elasticsearch" in r.getMessage() for r in caplog.records if r.name == "search.engine") == 1
    assert engine.breaker.is_open()
    assert set(SearchQueryLog.objects.values_list("backend", flat=True)) == {"database_fallback"}


def test_editors_can_still_publish_while_elasticsearch_is_down(site_client, elasticsearch_down, make_page):
    page = make_page(title="Okapi sightings", summary="Report an okapi.")  # indexing errors are caught
    assert site_client.get(page.url).status_code == 200
    assert page.url in [hit.url for hit in engine.search("okapi").hits]


def test_elasticsearch_query_uses_fuzzy_matching_and_the_page_filters():
    """No server needed: the query body Wagtail's Elasticsearch 8 backend would send."""
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": elasticsearch_backend("http://127.0.0.1:9")}):
        backend = get_search_backend("default")
        analysis = engine.analyse("bin colection", get_vocabulary())
        compiler = backend.query_compiler_class(engine.base_queryset(), engine.strict_query(analysis, True))
        body = json.dumps({"query": compiler.get_query(), "filters": compiler.get_filters()})
    assert '"fuzziness": "AUTO"' in body and '"collection"' in body
    assert '"live_filter": true' in body and "content_type_id_filter" in body
