"""A private page (a password, a sign-in or a group) is never a search result, on the database backend too; and
while no page is private a search does not ask the database for restrictions (sitewide/view_restrictions.py)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms_pages.models import StandardPage

from .test_results_page import get, result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_a_private_page_is_not_found_and_shows_again_when_made_public(site_client, make_page):
    page = make_page(title="Okapi sighting form", summary="Tell us about an okapi.")
    assert result_titles(get(site_client, q="okapi sighting"))[0] == "Okapi sighting form"
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Okapi sighting form" not in result_titles(get(site_client, q="okapi sighting"))
    restriction.delete()
    assert result_titles(get(site_client, q="okapi sighting"))[0] == "Okapi sighting form"


def test_pages_below_a_private_page_are_not_found(site_client, make_page):
    private = make_page(StandardPage, title="Staff area", summary="For staff.")
    make_page(parent=private, title="Narwhal rota", summary="Who feeds the narwhal.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert "Narwhal rota" not in result_titles(get(site_client, q="narwhal rota"))


def test_while_no_page_is_private_a_search_asks_nothing_about_restrictions(site_client):
    get(site_client, q="recycling")  # the first search learns that no page is private
    with CaptureQueriesContext(connection) as captured:
        titles = result_titles(get(site_client, q="council tax"))
    assert titles, "the search found nothing"
    assert not [query for query in captured.captured_queries if "pageviewrestriction" in query["sql"]]
