"""Issue 22: one way to find the current site (sitewide.current_site), with or without a request."""
import pytest
from django.test import RequestFactory
from wagtail.models import Site

from sitewide.current_site import current_site

pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().get("/", HTTP_HOST=host)


@pytest.fixture
def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def other_site(default_site):
    return Site.objects.create(hostname="partner.example", port=80, root_page=default_site.root_page)


def test_without_a_request_it_is_the_default_site(default_site):
    assert current_site() == default_site


def test_the_site_for_the_requests_host(default_site, other_site):
    assert current_site(request_for("partner.example")) == other_site
    assert current_site(request_for("localhost")) == default_site


def test_a_host_no_site_has_gets_the_default_site(default_site, other_site, settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert current_site(request_for("unknown.example")) == default_site


def test_no_default_site_and_no_match_is_none(default_site):
    Site.objects.all().delete()
    assert current_site() is None
    assert current_site(request_for("localhost")) is None


def test_the_bot_api_says_not_found_when_there_is_no_site(client, settings):
    settings.BOT_API_TOKEN = ""
    Site.objects.all().delete()
    client.defaults["HTTP_HOST"] = "localhost"
    for url in ("/api/bot/council/", "/api/bot/pages/", "/api/bot/answer/?key=report_missed_bin"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"] == "not_found"


def test_without_a_site_the_assistants_page_lookup_finds_nothing():
    from assistant.topics import page_at
    from feedback.services import page_for_path

    assert page_at("/") is not None and page_for_path("/") is not None  # the home page
    Site.objects.all().delete()
    assert page_at("/") is None
    assert page_for_path("/") is None
