"""A search's results are kept for a few minutes (search/results_cache.py), and any change residents would see
shows at once: a publish, a new best bet, a synonym. Every search is still logged."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cms_pages.models import StandardPage, TaskPage
from search.models import SearchQueryLog, Synonym
from tests.conftest import westmere

from .test_results_page import get, result_items, result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_results")]


@pytest.fixture(params=["results", "results and rendered pages"])
def keep_results(request):
    """The results kept; then the rendered results pages too (search/rendered_results.py), which are kept under the
    page cache's version: every change below must show at once either way."""
    cache.clear()
    pages = 60 if request.param == "results and rendered pages" else 0
    with override_settings(SEARCH_RESULTS_CACHE_SECONDS=300, PAGE_CACHE_SECONDS=pages):
        yield
    cache.clear()


def queries_for(client, **params):
    with CaptureQueriesContext(connection) as captured:
        content = get(client, **params)
    return content, len(captured.captured_queries)


def test_the_same_search_again_is_served_from_what_was_kept_and_still_logged(site_client):
    first, first_queries = queries_for(site_client, q="missed bin")
    again, again_queries = queries_for(site_client, q="missed bin")
    assert result_titles(again) == result_titles(first) and "Report a missed bin collection" in result_titles(first)
    assert again_queries < first_queries - 4  # no matching, re-ranking, pages or sections again
    assert SearchQueryLog.objects.filter(query="missed bin").count() == 2


def test_another_page_of_results_or_spelling_off_is_kept_apart(site_client):
    corrected = get(site_client, q="recyclng")
    assert "Showing results for" in corrected
    as_typed = get(site_client, q="recyclng", spell="off")
    assert "Showing results for" not in as_typed


def test_a_publish_shows_at_once(site_client):
    page = TaskPage.objects.get(**westmere(), slug="report-a-missed-bin")
    assert "Report a missed bin collection" in result_titles(get(site_client, q="missed bin"))
    page.title = "Tell us about a missed bin collection"
    page.save_revision().publish()
    assert "Tell us about a missed bin collection" in result_titles(get(site_client, q="missed bin"))


def test_a_new_best_bet_shows_at_once(site_client):
    assert "Recommended" not in get(site_client, q="bins")
    cookies = StandardPage.objects.get(**westmere(), slug="cookies")
    SearchPromotion.objects.create(query=Query.objects.create(query_string="bins"), page=cookies, sort_order=0)
    items = result_items(get(site_client, q="bins"))
    assert "Recommended" in items[0] and "Cookies" in items[0]


def test_a_new_synonym_shows_at_once(site_client):
    assert result_titles(get(site_client, q="glorbix")) == []
    Synonym.objects.create(term="glorbix", equivalents="missed bin", live=True)
    assert "Report a missed bin collection" in result_titles(get(site_client, q="glorbix"))


def test_the_assistant_api_shares_the_kept_results_and_logs_each_search(site_client):
    first = site_client.get("/api/search/", {"q": "council tax", "limit": 3}).json()
    with CaptureQueriesContext(connection) as captured:
        again = site_client.get("/api/search/", {"q": "council tax", "limit": 3}).json()
    assert again == first and first["results"]
    assert len(captured.captured_queries) <= 4
    assert SearchQueryLog.objects.filter(query="council tax").count() == 2


def test_re_ranking_reads_a_page_s_new_words_at_once(site_client, make_page):
    """Re-ranking keeps each page's words with the vocabulary (search/ranking.py texts_of): a publish replaces them."""
    body = [("paragraph", "<p>Our numbat survey also covers numbat sightings in gardens.</p>")]
    in_title = make_page(TaskPage, title="Numbat survey", summary="Surveys we run.")
    in_body = make_page(TaskPage, title="Garden wildlife", summary="Wildlife in gardens.", body=body)
    with override_settings(SEARCH_RESULTS_CACHE_SECONDS=0):
        titles = result_titles(get(site_client, q="numbat"))  # a search server's fuzzy matches may come between
        assert titles.index("Numbat survey") < titles.index("Garden wildlife")
        in_body.title, in_body.search_keywords = "Numbat", "numbat"
        in_body.save_revision().publish()
        in_title.title, in_title.body = "Wildlife surveys", body  # still found, for its body alone
        in_title.save_revision().publish()
        titles = result_titles(get(site_client, q="numbat"))
        assert titles[0] == "Numbat" and titles.index("Numbat") < titles.index("Wildlife surveys")
