"""Issue 11, item 7: a random query string cannot force a fresh render of a cached page."""
import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(PAGE_CACHE_SECONDS=60)
def test_unused_query_parameters_get_the_cached_page(site_client):
    assert site_client.get("/council-tax/pay/")["X-Page-Cache"] == "miss"
    for n in range(3):
        assert site_client.get(f"/council-tax/pay/?nocache={n}&utm_source=x")["X-Page-Cache"] == "hit"
    assert site_client.get("/council-tax/pay/?feedback=random")["X-Page-Cache"] == "hit"


@override_settings(PAGE_CACHE_SECONDS=60)
def test_a_parameter_the_page_uses_gets_its_own_cached_page(site_client):
    site_client.get("/council-tax/pay/")
    thanks = site_client.get("/council-tax/pay/?feedback=thanks")
    assert thanks["X-Page-Cache"] == "miss" and "Thank you" in thanks.content.decode()
    assert site_client.get("/council-tax/pay/?feedback=thanks&x=1")["X-Page-Cache"] == "hit"
    assert "Thank you" not in site_client.get("/council-tax/pay/?x=2").content.decode()
