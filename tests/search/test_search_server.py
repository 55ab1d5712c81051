"""OpenSearch, against a real cluster only: the 3-node cluster from deploy/opensearch (`make opensearch-start`).

These run in the search-server run (`make test-opensearch`, CI), where OPENSEARCH_URL lists the cluster's
nodes and the whole search suite runs on OpenSearch. Elsewhere they are deselected (marker `search_server`),
never skipped: with the marker selected and no server configured, they fail.
"""
import json
import os
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from cms_pages.models import GuidePage, TaskPage
from search import engine, queries
from search.fallback import breaker, is_search_server
from search.models import SearchBackendName, SearchQueryLog, Synonym
from search.queries import base_queryset, strict_query
from search.server_backends import SYNONYM_FILTER, OpenSearch2SearchBackend
from tests.conftest import westmere

from .conftest import page_index, search_server

CONTROL_URL = os.environ.get("OPENSEARCH_CONTROL_URL", "http://127.0.0.1:9290")
WITHIN_SECONDS = 2.0

pytestmark = [pytest.mark.django_db, pytest.mark.search_server]


@pytest.fixture
def server():
    if not is_search_server():
        pytest.fail("Set OPENSEARCH_URL to the cluster's nodes (make test-opensearch does) to run these tests.")
    return search_server()


def control(path, method="POST"):
    request = urllib.request.Request(CONTROL_URL + path, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def wait_for_cluster(server, nodes=3, status="green", seconds=90):
    deadline = time.monotonic() + seconds
    while True:
        try:
            health = server.es.cluster.health(wait_for_nodes=str(nodes), wait_for_status=status, request_timeout=40)
            if not health["timed_out"]:
                return
        except Exception:  # noqa: BLE001 (nodes still starting)
            pass
        assert time.monotonic() < deadline, f"the cluster is not {status} with {nodes} nodes"
        time.sleep(1)


@pytest.fixture
def node_control(server):
    """Stop and start nodes of the cluster; every node runs again (and the cluster is green) afterwards."""
    assert "node-1" in control("/nodes", method="GET")
    yield control
    for node in (1, 2, 3):
        if f"node-{node} stopped" in control("/nodes", method="GET"):
            control(f"/nodes/{node}/start")
    wait_for_cluster(server)
    breaker.record_success()


def indexed(server, page):
    """The page's document as a search on the index sees it (refreshed), or None."""
    body = {"query": {"ids": {"values": [str(page.pk)]}}}
    hits = server.es.search(index=page_index(server).name, body=body)["hits"]["hits"]
    return hits[0]["_source"] if hits else None


def eventually(check, seconds=WITHIN_SECONDS):
    """How long until check() is true (fails the test after `seconds`)."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < seconds, f"not within {seconds} s"
        time.sleep(0.05)
    return time.monotonic() - start


def urls(query, **kwargs):
    return [hit.url for hit in engine.search(query, **kwargs).hits]


def test_search_uses_opensearch(server, site_client):
    assert isinstance(server, OpenSearch2SearchBackend)
    assert site_client.get("/search/", {"q": "bin day"}).status_code == 200
    assert SearchQueryLog.objects.get().backend == SearchBackendName.OPENSEARCH
    assert server.es.count(index=page_index(server).name)["count"] > 50


def test_opensearch_tolerates_typos_itself(server):
    # Spelling correction off: the typo reaches OpenSearch, whose fuzzy match finds the page.
    assert "/bins-and-recycling/recycling-centres/" in urls("recyclng centres", correct=False)[:3]
    query = strict_query(engine.analyse("recyclng", engine.get_vocabulary(), correct=False), True)
    assert server.search(query, base_queryset()).count() > 0


def test_synonyms_best_bets_and_autocomplete(server):
    assert urls("tip")[0] == "/bins-and-recycling/recycling-centres/"
    assert urls("pcn")[0] == "/parking-and-roads/pay-a-parking-fine/"
    assert "Find your bin collection day" in [hit.title for hit in engine.autocomplete("bin c")]


def test_the_index_follows_publish_unpublish_move_and_delete(server, make_page, without_forced_refresh):
    # Each step waits for the site search, not a single shard copy: replicas refresh on their own clocks,
    # so one copy can show a change a moment before another (a one-shot search after a GET was flaky in CI).
    query = "zebra crossing wardens"
    page = make_page(title="Zebra crossing wardens", summary="Apply to be a zebra crossing warden.")
    took = {"publish": eventually(lambda: page.url in urls(query))}
    assert "/zebra-crossing-wardens/" not in page.url

    page.unpublish()
    took["unpublish"] = eventually(
        lambda: page.url not in urls(query) and (indexed(server, page) or {}).get("live_filter") is False
    )

    page.refresh_from_db()
    page.save_revision().publish()
    eventually(lambda: page.url in urls(query))
    council_tax = Page.objects.get(**westmere(), slug="council-tax")
    page.move(council_tax, pos="last-child")
    page.refresh_from_db()
    assert page.url.startswith("/council-tax/")
    took["move"] = eventually(
        lambda: (indexed(server, page) or {}).get("path_filter") == page.path and urls(query)[:1] == [page.url]
    )

    page.delete()
    took["delete"] = eventually(lambda: indexed(server, page) is None and page.url not in urls(query))
    print("\nIndex followed within: " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in took.items()))


def test_drafts_private_and_unpublished_pages_are_never_returned(server, make_page, area, site_client):
    live = make_page(title="Narwhal licence", summary="Apply for a narwhal licence.")
    live.title = "Narwhal licence okapi draft"
    live.save_revision()  # a draft: not published
    never_published = TaskPage(title="Okapi permit", slug="okapi-permit", summary="Okapi permit.", live=False)
    area.add_child(instance=never_published)
    unpublished = make_page(title="Okapi passes", summary="Okapi passes, withdrawn.")
    unpublished.unpublish()
    private = make_page(title="Okapi private page", summary="Staff only okapi.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    page_index(server).refresh()
    for page in (never_published, unpublished, private):
        assert indexed(server, page) is not None  # in the index,
    assert urls("okapi") == []  # but never a result
    assert site_client.get("/api/search/", {"q": "okapi"}, REMOTE_ADDR="10.200.0.9").json()["count"] == 0
    assert [hit.title for hit in engine.autocomplete("okap")] == []
    assert urls("narwhal licence") == [live.url]


def test_searches_keep_succeeding_while_a_node_is_stopped(server, node_control):
    expected = urls("bin day")[0]
    served, failures = [], []
    for number in range(40):
        if number == 5:
            node_control("/nodes/1/stop")  # the first node the client knows, possibly the cluster manager
        try:
            outcome = engine.search("bin day" if number % 2 else "pay council tax", limit=3)
            served.append(outcome.backend)
            if number % 2 and outcome.hits[0].url != expected:
                failures.append((number, outcome.hits[0].url))
        except Exception as error:  # noqa: BLE001 (counted: the assertion below shows them)
            failures.append((number, repr(error)))
    assert "node-1 stopped" in node_control("/nodes", method="GET")
    assert failures == [] and set(served) == {SearchBackendName.OPENSEARCH}, (failures, served)


def test_with_the_whole_cluster_down_the_database_answers(server, node_control, site_client):
    for node in (1, 2, 3):
        node_control(f"/nodes/{node}/stop")
    response = site_client.get("/search/", {"q": "bin colection"})
    assert response.status_code == 200
    assert "url=%2Fbins-and-recycling%2Fbin-collection-day%2F" in response.content.decode()
    assert SearchQueryLog.objects.get().backend == SearchBackendName.FALLBACK
    assert "Find your bin collection day" in [hit.title for hit in engine.autocomplete("bin c")]


def test_reindexing_during_a_stream_of_searches_fails_none(server):
    index = page_index(server)
    before = set(server.es.indices.get_alias(name=index.name))
    body = server.search(strict_query(engine.analyse("bin day", engine.get_vocabulary()), True), base_queryset())
    body = body._get_es_body()
    stop, counts, errors = threading.Event(), {"searches": 0, "empty": 0}, []

    def searches():
        while not stop.is_set():
            try:
                hits = server.es.search(index=index.name, body=body, size=3)["hits"]["hits"]
                counts["searches"] += 1
                counts["empty"] += not hits
            except Exception as error:  # noqa: BLE001 (every failure is a failed search)
                errors.append(repr(error))

    thread = threading.Thread(target=searches)
    thread.start()
    try:
        time.sleep(0.3)
        call_command("update_index", backend_name="default", stdout=open(os.devnull, "w"))
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join()
    after = set(server.es.indices.get_alias(name=index.name))
    print(f"\nRe-index: {counts['searches']} searches meanwhile, {len(errors)} failed, {counts['empty']} empty")
    assert after and after != before  # a new index behind the same alias
    assert errors == [] and counts["empty"] == 0 and counts["searches"] > 20


def test_a_synonym_saved_in_the_admin_reaches_the_index_analyzer(
    server, admin_client, django_capture_on_commit_callbacks
):
    index = page_index(server)
    before = set(server.es.indices.get_alias(name=index.name))
    add = "/admin/snippets/search/synonym/add/"
    data = {"term": "zorbing", "equivalents": "household waste recycling centre", "live": "on"}
    with django_capture_on_commit_callbacks(execute=True):  # the re-index runs once the change is committed
        response = admin_client.post(add, data)
    assert response.status_code == 302 and Synonym.objects.filter(term="zorbing").exists()
    after = set(server.es.indices.get_alias(name=index.name))
    assert after and after != before  # a new index, with the synonym in its analyzer
    (index_settings,) = server.es.indices.get_settings(index=index.name).values()
    rules = index_settings["settings"]["index"]["analysis"]["filter"][SYNONYM_FILTER]["synonyms"]
    assert "zorbing, household waste recycling centre" in rules
    # OpenSearch itself expands it: a bare backend search, without the site's query-time expansion.
    pages = list(server.search("zorbing", base_queryset())[:5])
    assert "/bins-and-recycling/recycling-centres/" in [urlsplit(page.url).path for page in pages]


def requests_to_the_cluster(server, monkeypatch):
    """The names of the client's search calls made from now on, in order."""
    calls = []
    for name in ("search", "msearch", "scroll", "clear_scroll", "count"):
        method = getattr(server.es, name)
        monkeypatch.setattr(server.es, name, lambda *args, _name=name, _method=method, **kwargs: (
            calls.append(_name), _method(*args, **kwargs))[1])
    return calls


def test_a_search_is_one_request_for_its_candidates_and_their_count(server, make_page, monkeypatch):
    """The 200 candidates re-ranking reads and their count come from one search request: no scroll (modelsearch
    scrolls beyond 100 hits: a search, a scroll and a clear) and no count request."""
    for number in range(1, 6):
        make_page(title=f"Okapi permit {number}", summary="Apply for an okapi permit.")
    page_index(server).refresh()
    calls = requests_to_the_cluster(server, monkeypatch)
    outcome = engine.search("okapi permit", limit=10, correct=False)
    assert outcome.total == 5 and len(outcome.hits) == 5
    assert calls == ["search"], calls


def test_a_big_council_s_candidates_and_best_task_pages_are_one_request(server, make_page, monkeypatch):
    """Where a search can match more pages than are re-ranked, the best task pages are asked for with the
    candidates, in one request the cluster runs side by side (they were two, one after the other)."""
    monkeypatch.setattr(queries, "RERANK_CANDIDATES", 3)
    monkeypatch.setattr(engine, "RERANK_CANDIDATES", 3)  # the demo council has more pages than 3
    for number in range(1, 6):
        make_page(GuidePage, title=f"Okapi permit guide {number}", summary="Okapi permit okapi permit okapi.")
    task = make_page(title="Apply for a permit", summary="Apply online if you keep an okapi.")
    page_index(server).refresh()
    calls = requests_to_the_cluster(server, monkeypatch)
    # The 3 candidates and the task page re-ranked with them: all 4 hits, none read beyond them
    outcome = engine.search("okapi permit", limit=4, correct=False)
    assert calls == ["msearch"], calls
    assert outcome.total == 6
    assert task.url in [hit.url for hit in outcome.hits]


def test_a_typo_keeps_the_first_letter_on_the_cluster(server):
    """A fuzzy word must start with the same letter: far fewer of the index's terms to try, and residents' typos
    seldom change it."""
    analysis = engine.analyse("recyclng centres", engine.get_vocabulary(), correct=False)
    results = server.search(strict_query(analysis, True), base_queryset())
    assert '"prefix_length": 1' in json.dumps(results.query_compiler.get_query())
    assert results.count() > 0
    wrong_first = strict_query(engine.analyse("decycling centres", engine.get_vocabulary(), correct=False), True)
    assert server.search(wrong_first, base_queryset()).count() == 0
