"""Pages residents choose for the same words rise a little: enough to reorder close results, never without
enough clicks, and only for those words. Runs on the database backend and, in CI, on OpenSearch."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import engine
from search.models import SearchQueryLog
from search.querylog import log_click

pytestmark = pytest.mark.django_db


def urls(query):
    return [hit.url for hit in engine.search(query, with_promotions=False).hits]


def clicks(query, url, count):
    for _ in range(count):
        SearchQueryLog.objects.create(query=query, result_count=5, clicked_url=url)
    cache.clear()  # the click shares are cached for a few minutes


def test_a_page_residents_keep_choosing_rises_above_close_results(settings):
    cache.clear()
    before = urls("bins")
    chosen = before[2]  # three close results for a one-word search
    clicks("bins", chosen, settings.SEARCH_CLICK_MIN - 1)
    assert urls("bins") == before  # not enough evidence yet
    clicks("bins", chosen, 1)
    after = urls("bins")
    assert after[0] == chosen and sorted(after) == sorted(before)
    assert urls("Bins!")[0] == chosen  # the same words as the log keeps them

    settings.SEARCH_CLICK_BOOST = 0  # switched off
    cache.clear()
    assert urls("bins") == before


def test_clicks_for_other_words_change_nothing(settings):
    cache.clear()
    before = urls("council tax")
    clicks("bins", before[-1], settings.SEARCH_CLICK_MIN * 2)
    assert urls("council tax") == before


def test_a_resident_s_click_counts_at_once(settings):
    before = urls("bins")  # its (empty) shares are cached, and no words are marked as clicked
    chosen = before[2]
    for _ in range(settings.SEARCH_CLICK_MIN):
        log_click(SearchQueryLog.objects.create(query="bins", result_count=5), chosen, position=3)
    assert urls("bins")[0] == chosen


def test_words_no_resident_clicked_for_cost_no_query_of_the_log(settings):
    chosen = urls("bins")[2]
    clicks("bins", chosen, settings.SEARCH_CLICK_MIN)
    urls("council tax")  # the marks are read from the log once
    with CaptureQueriesContext(connection) as queries:
        assert urls("garden waste")
    assert not [query for query in queries if "search_searchquerylog" in query["sql"]]
    assert urls("bins")[0] == chosen  # while marked words still have their shares


def test_marks_dropped_from_the_cache_are_read_again_from_the_log(settings):
    before = urls("bins")
    clicks("bins", before[2], settings.SEARCH_CLICK_MIN)  # straight into the log, then the cache is emptied
    assert urls("bins")[0] == before[2]
