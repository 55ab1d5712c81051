"""A search nobody asked before reads only what it must: the council's best bets, its sections and the words of
pages already ranked are read once per version of the content, and each result's summary is the one re-ranking
read (no query per page type for the results). What residents see is the same, and any change shows at once."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction, Site

from cms_pages.models import StandardPage, TaskPage
from search import engine
from search.hits import PageRef
from tests.conftest import westmere

from .test_results_page import get, result_items, result_paths

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def sql_of(client, **params):
    with CaptureQueriesContext(connection) as captured:
        content = get(client, **params)
    return content, " ".join(query["sql"] for query in captured.captured_queries)


def test_a_new_search_asks_nothing_about_best_bets_sections_or_result_page_types(site_client):
    get(site_client, q="report a missed bin")  # the council's best bets and sections are read once
    content, sql = sql_of(site_client, q="report a missed bin collection")
    assert "Report a missed bin collection" in content
    assert "searchpromotion" not in sql
    assert '"content_type_id" AS "content_type"' not in sql  # Wagtail's .specific() looking up page types
    assert "Bins and recycling" in result_items(content)[0]  # the result's section, from what was kept


def test_a_result_shows_the_summary_editors_wrote(site_client):
    page = TaskPage.objects.get(**westmere("/bins-and-recycling/report-a-missed-bin/"))
    get(site_client, q="missed bin")
    page.summary = "Tell us within 2 working days and we will come back."
    page.save_revision().publish()
    items = result_items(get(site_client, q="report missed bin"))
    assert "report-a-missed-bin" in items[0]
    assert "Tell us within 2 working days and we will come back." in re.sub("<[^>]+>", "", items[0])


def test_a_best_bet_s_page_made_private_is_no_longer_shown(site_client):
    cookies = StandardPage.objects.get(**westmere("/cookies/"))
    SearchPromotion.objects.create(query=Query.objects.create(query_string="bins"), page=cookies, sort_order=0)
    assert "Recommended" in result_items(get(site_client, q="bins"))[0]
    PageViewRestriction.objects.create(page=cookies, restriction_type=PageViewRestriction.LOGIN)
    assert "Recommended" not in get(site_client, q="bins")


def test_a_new_search_shows_its_results_without_reading_their_pages(site_client):
    get(site_client, q="bins")  # the words of the pages ranked are read once per version of the content
    content, sql = sql_of(site_client, q="bin collection day recycling")
    assert result_paths(content)[0] == "/bins-and-recycling/bin-collection-day/"
    assert '"wagtailcore_page"."numchild"' not in sql  # no whole page made for a result


@pytest.mark.parametrize("words", ["bins", "council tax", "planning", "pay", "report", "contact", "bin day"])
def test_results_shown_without_their_pages_read_and_link_as_with_them(rf, words):
    site = Site.objects.get(is_default_site=True)
    request = rf.get("/search/", HTTP_HOST="localhost")
    with_pages = engine.search(words, site=site, request=request, limit=20)
    without = engine.search(words, site=site, request=request, limit=20, with_pages=False)

    def shown(outcome):
        return [(hit.title, hit.url, hit.summary, hit.promoted) for hit in outcome.hits]

    assert len(with_pages.hits) > 1 and shown(without) == shown(with_pages)
    assert {type(hit.page) for hit in without.hits if not hit.promoted} == {PageRef}
    refs = {hit.page.pk: (hit.page.path, hit.page.depth) for hit in without.hits if not hit.promoted}
    assert refs == {hit.page.pk: (hit.page.path, hit.page.depth) for hit in with_pages.hits if hit.page.pk in refs}
