"""Candidates are re-ranked from four columns (search.candidates); only the pages shown are made into pages."""
import pytest
from django.db.models.signals import post_init
from wagtail.models import Page

from cms_pages.models import StandardPage
from search import engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages_made():
    made = set()

    def record(sender, instance, **kwargs):
        if isinstance(instance, Page):
            made.add(instance.pk)

    post_init.connect(record, weak=False)
    yield made
    post_init.disconnect(record)


def test_a_search_makes_pages_only_of_the_results_it_shows(make_page, pages_made):
    body = [("paragraph", "<p>Where a quokka lives and what it eats.</p>")]
    pages = [make_page(StandardPage, title=f"Quokka facts {number}", body=body) for number in range(1, 31)]
    engine.search("quokka", limit=10)  # the council's words, read once
    pages_made.clear()

    outcome = engine.search("quokka facts", limit=10)

    assert outcome.total == 30
    shown = {hit.page.pk for hit in outcome.hits}
    assert len(shown) == 10 and shown <= {page.pk for page in pages}
    assert pages_made & {page.pk for page in pages} == shown  # (the site's home page is made for its links)


def test_results_beyond_the_first_page_are_pages_too(make_page):
    for number in range(1, 16):
        make_page(StandardPage, title=f"Quokka facts {number}")
    outcome = engine.search("quokka", offset=10, limit=10)
    assert [type(hit.page) for hit in outcome.hits] == [StandardPage] * 5
    assert all(hit.url.startswith("/") and hit.title.startswith("Quokka facts") for hit in outcome.hits)
