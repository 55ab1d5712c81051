"""Shared links show a proper card; sections can be deep-linked."""
import re

import pytest

from cms_pages.models import TaskPage
from sitewide.anchors import add_heading_anchors

pytestmark = pytest.mark.django_db


def meta(content, attr, name):
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', content)
    assert match, f"missing {name}"
    return match.group(1)


def test_task_page_has_open_graph_twitter_and_canonical(site_client):
    page = TaskPage.objects.get(slug="report-a-missed-bin")
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
