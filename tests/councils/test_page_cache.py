"""The page cache keys on the visitor's host: one council's cached page is never served on the other's host, even
at the same address."""
import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
SHARED = "/bins-and-recycling/bulky-waste/"


@pytest.fixture(autouse=True)
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield


def test_a_cached_page_of_one_council_is_never_served_on_the_others_host(site_client, fellside):
    first = fellside.get(SHARED)
    assert first["X-Page-Cache"] == "miss" and "£25" in first.content.decode()
    assert fellside.get(SHARED)["X-Page-Cache"] == "hit"

    westmere_page = site_client.get(SHARED)
    assert westmere_page["X-Page-Cache"] == "miss"
    html = westmere_page.content.decode()
    assert "£30" in html and "£25" not in html and "Fellside" not in html
    assert "Westmere" not in fellside.get(SHARED).content.decode()


def test_home_pages_and_their_shared_parts_are_cached_per_host(site_client, fellside):
    assert "Westmere District Council</h1>" in site_client.get("/").content.decode()
    assert "Fellside District Council</h1>" in fellside.get("/").content.decode()
    assert "Westmere District Council</h1>" in site_client.get("/").content.decode()
    fellside_again = fellside.get("/")
    assert fellside_again["X-Page-Cache"] == "hit"
    assert "Fellside District Council</h1>" in fellside_again.content.decode()


def test_a_404_on_one_host_is_not_cached_for_the_other(site_client, fellside):
    only_fellside = "/bins-and-recycling/book-a-recycling-centre-visit/"
    assert site_client.get(only_fellside).status_code == 404
    assert fellside.get(only_fellside).status_code == 200
    assert site_client.get(only_fellside).status_code == 404
