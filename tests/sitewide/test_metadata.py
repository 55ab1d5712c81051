"""Shared links show a proper card; sections can be deep-linked."""
import re

import pytest

from cms_pages.models import TaskPage
from sitewide.anchors import add_heading_anchors
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


def meta(content, attr, name):
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', content)
    assert match, f"missing {name}"
    return match.group(1)


def test_task_page_has_open_graph_twitter_and_canonical(site_client):
    page = TaskPage.objects.get(**westmere(), slug="report-a-missed-bin")
    content = site_client.get(page.url).content.decode()
    assert meta(content, "property", "og:title") == page.title
    assert meta(content, "property", "og:description") == page.summary
    assert meta(content, "name", "description") == page.summary
    assert meta(content, "property", "og:url") == "http://localhost:8000/bins-and-recycling/report-a-missed-bin/"
    assert meta(content, "property", "og:image").startswith("http://localhost:8000/static/")
    assert meta(content, "name", "twitter:card") == "summary_large_image"
    assert meta(content, "name", "twitter:title") == page.title
    assert '<link rel="canonical" href="http://localhost:8000/bins-and-recycling/report-a-missed-bin/">' in content


def test_social_image_is_served(site_client):
    assert site_client.get("/static/img/westmere-social.png").status_code == 200


def test_every_heading_in_the_content_has_a_stable_anchor(site_client):
    content = site_client.get("/bins-and-recycling/report-a-missed-bin/").content.decode()
    main = content[content.index("<main"):content.index("</main>")]
    headings = re.findall(r"<h[2-4][^>]*>", main)
    assert headings
    assert all('id="' in heading for heading in headings)
    assert 'href="#contact-us"' in main


def test_heading_anchors_are_unique_and_keep_existing_ids():
    result = add_heading_anchors('<h2>Cost</h2><h2>Cost</h2><h3 id="fees">Fees</h3>')
    assert 'id="cost"' in result and 'id="cost-2"' in result and 'id="fees"' in result
    assert 'href="#cost-2"' in result


def test_the_site_address_set_at_release_is_the_one_in_canonical_open_graph_and_the_sitemap(client):
    """On `make prod` residents reach the site through nginx on :8080: links they share must work there,
    not on runserver's :8000. The release step sets the Wagtail Site's hostname and port from SITE_BASE_URL."""
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("set_site_address", "http://localhost:8080", stdout=open("/dev/null", "w"))
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 8080)
    client.defaults["HTTP_HOST"] = "localhost:8080"
    content = client.get("/bins-and-recycling/report-a-missed-bin/").content.decode()
    assert meta(content, "property", "og:url") == "http://localhost:8080/bins-and-recycling/report-a-missed-bin/"
    assert meta(content, "property", "og:image").startswith("http://localhost:8080/static/")
    assert '<link rel="canonical" href="http://localhost:8080/bins-and-recycling/report-a-missed-bin/">' in content
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    assert locations and all(url.startswith("http://localhost:8080/") for url in locations)


@pytest.mark.parametrize("url", ["ftp://example.org", "localhost:8080", "https://www.example.org:8443"])
def test_an_address_that_wagtail_cannot_build_links_for_is_refused(url):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("set_site_address", url)


def test_the_error_summary_title_is_not_a_section_to_link_to(site_client):
    content = site_client.get("/bins-and-recycling/bin-collection-day/", {"postcode": "XX1 1XX"}).content.decode()
    summary = content[content.index("govuk-error-summary__title"):]
    summary = summary[:summary.index("</h2>")]
    assert "There is a problem" in summary and "Link to this section" not in summary
    assert add_heading_anchors('<h2 class="govuk-notification-banner__title">Important</h2>') == (
        '<h2 class="govuk-notification-banner__title">Important</h2>')
