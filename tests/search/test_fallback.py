"""OpenSearch or Elasticsearch configured but down: residents still get results from the database backend,
never an error.

Nothing is mocked: OPENSEARCH_URL or ELASTICSEARCH_URL points at local ports nobody listens on, so the real
client really fails to connect. (test_search_server.py stops a real cluster too.)
"""

import json
import logging
import socket

import environ
import pytest
from django.test import override_settings
from modelsearch.backends import get_search_backend

from customer_connect.settings.search_backends import backends_from_env, elasticsearch_backend, opensearch_backend
from search import engine
from search.analysis import analyse
from search.fallback import breaker
from search.models import SearchQueryLog
from search.queries import base_queryset, strict_query
from search.vocabulary import get_vocabulary

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the socket is


SERVERS = {
    "OPENSEARCH": ("search.server_backends.OpenSearch2SearchBackend", "OpenSearch"),
    "ELASTICSEARCH": ("search.server_backends.Elasticsearch8SearchBackend", "Elasticsearch"),
}


@pytest.fixture(params=list(SERVERS))
def server_down(request, monkeypatch):
    """(the server's name in log messages): the configured cluster's two nodes both refuse connections."""
    monkeypatch.delenv("OPENSEARCH_URL", raising=False)
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    monkeypatch.setenv(f"{request.param}_URL", f"http://127.0.0.1:{closed_port()},http://127.0.0.1:{closed_port()}")
    backends = backends_from_env(environ.Env())
    backend, name = SERVERS[request.param]
    assert backends["default"]["BACKEND"] == backend
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        breaker.record_success()
        yield name
        breaker.record_success()


def test_settings_choose_the_search_server_from_the_environment(monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    monkeypatch.delenv("OPENSEARCH_URL", raising=False)
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
    monkeypatch.setenv("OPENSEARCH_URL", "http://10.0.0.1:9200, http://10.0.0.2:9200,http://10.0.0.3:9200")
    opensearch = backends_from_env(environ.Env())["default"]  # OpenSearch first when both are set
    assert opensearch["BACKEND"] == "search.server_backends.OpenSearch2SearchBackend" and len(opensearch["URLS"]) == 3
    assert opensearch["INDEX_SETTINGS"] == default["INDEX_SETTINGS"] and opensearch["ATOMIC_REBUILD"]
    assert opensearch["OPTIONS"] == {"max_retries": 2, "retry_on_timeout": False}  # next node, then give up


def test_results_page_falls_back_and_warns(site_client, server_down, caplog):
    with caplog.at_level(logging.WARNING, logger="search.fallback"):
        response = site_client.get("/search/", {"q": "bin colection"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "url=%2Fbins-and-recycling%2Fbin-collection-day%2F" in content
    assert "Showing results for <strong>bin collection</strong>" in content
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and server_down in r.getMessage()]
    assert warnings and "database" in warnings[0].getMessage()
    assert SearchQueryLog.objects.get().backend == "database_fallback"


def test_json_api_and_autocomplete_fall_back(site_client, server_down):
    data = site_client.get("/api/search/", {"q": "pcn", "limit": 3}, REMOTE_ADDR="10.200.0.1").json()
    assert data["results"][0]["url"] == "/parking-and-roads/pay-a-parking-fine/" and data["count"] >= 1
    breaker.record_success()
    titles = [r["title"] for r in site_client.get("/api/search/autocomplete/", {"q": "bin c"}).json()["results"]]
    assert "Find your bin collection day" in titles


def test_after_a_failure_the_server_is_left_alone_for_a_while(site_client, server_down, caplog):
    with caplog.at_level(logging.WARNING, logger="search.fallback"):
        site_client.get("/search/", {"q": "tip"})
        site_client.get("/search/", {"q": "pcn"})
    assert sum(server_down in r.getMessage() for r in caplog.records if r.name == "search.fallback") == 1
    assert breaker.is_open()
    assert set(SearchQueryLog.objects.values_list("backend", flat=True)) == {"database_fallback"}


def test_editors_can_still_publish_while_the_server_is_down(site_client, server_down, make_page):
    page = make_page(title="Okapi sightings", summary="Report an okapi.")  # indexing errors are caught
    assert site_client.get(page.url).status_code == 200
    assert page.url in [hit.url for hit in engine.search("okapi").hits]


@pytest.mark.parametrize("make_backend", [elasticsearch_backend, opensearch_backend])
def test_server_query_uses_fuzzy_matching_and_the_page_filters(make_backend):
    """No server needed: the query body Wagtail's Elasticsearch 8 and OpenSearch 2 backends would send."""
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": make_backend("http://127.0.0.1:9")}):
        backend = get_search_backend("default")
        analysis = analyse("bin colection", get_vocabulary())
        compiler = backend.query_compiler_class(base_queryset(), strict_query(analysis, True))
        body = json.dumps({"query": compiler.get_query(), "filters": compiler.get_filters()})
    assert '"fuzziness": "AUTO"' in body and '"collection"' in body
    assert '"live_filter": true' in body and "content_type_id_filter" in body
