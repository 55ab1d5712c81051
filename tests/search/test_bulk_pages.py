"""The benchmark's bulk page generator (bench/bulk_pages.py) makes a valid Wagtail tree whose pages render,
are indexed and are found, and the demo's answers still come first among them."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, ReferenceIndex

from bench.bulk_pages import generate
from cms_pages.models import ServiceAreaPage, TaskPage
from search import engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(database_search):
    before = Page.objects.count()
    added = generate(200, seed=3)
    call_command("update_index", backend_name="default", stdout=open("/dev/null", "w"))
    return before, added


def test_bulk_pages_make_a_valid_tree(generated):
    before, added = generated
    assert sum(added.values()) == 200
    assert Page.find_problems() == ([], [], [], [], [])
    areas = ServiceAreaPage.objects.filter(slug__in=["licensing", "news-and-notices"])
    assert all(area.numchild == area.get_children().count() for area in areas)
    assert Page.objects.count() >= before + 200
    assert ReferenceIndex.objects.filter(model_path="related_pages.page").exists()


def test_bulk_pages_render_and_are_found(generated, client):
    pages = list(TaskPage.objects.filter(url_path__startswith="/home/news-and-notices/")[:3])
    assert pages
    for page in pages:
        assert client.get(page.url).status_code == 200
    page = pages[0]
    assert page.url in [hit.url for hit in engine.search(page.title, limit=10).hits]
    assert engine.search("bin day", limit=3).hits[0].url == "/bins-and-recycling/bin-collection-day/"
