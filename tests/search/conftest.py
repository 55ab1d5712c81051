"""Search test helpers: pages made on the fly (indexed as editors' pages are) and a clean search state."""
import itertools

import pytest
from django.core.cache import cache
from django.test import override_settings

from cms_pages.models import ServiceAreaPage, TaskPage
from search import engine
from search.backends import database_backend
from search.vocabulary import invalidate

_slugs = itertools.count(1)


@pytest.fixture(autouse=True)
def clean_search_state():
    """Each test starts with a fresh vocabulary, rate limits and Elasticsearch breaker."""
    cache.clear()
    invalidate()
    engine.breaker.reset()
    yield
    engine.breaker.reset()
    invalidate()


@pytest.fixture
def database_search():
    """Force the database backend, even when ELASTICSEARCH_URL is set for the run."""
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": database_backend()}):
        invalidate()
        yield


@pytest.fixture
def area(db):
    return ServiceAreaPage.objects.get(slug="bins-and-recycling")


def add_page(parent, model=TaskPage, **fields):
    """Publish a page under `parent`. Saving it indexes it in every search backend (Wagtail's signals)."""
    number = next(_slugs)
    fields.setdefault("title", f"Test page {number}")
    fields.setdefault("slug", f"search-test-{number}")
    fields.setdefault("summary", "A page made by the search tests.")
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_page(area):
    def make(model=TaskPage, parent=None, **fields):
        return add_page(parent or area, model, **fields)

    return make
