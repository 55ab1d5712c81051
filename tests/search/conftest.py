"""Search test helpers: pages made on the fly (indexed as editors' pages are) and a clean search state.

With OPENSEARCH_URL (or ELASTICSEARCH_URL) set, the whole suite runs on that server, in indices of its own
(settings/test.py). Each test's database changes are rolled back, but a search server keeps what was indexed:
so pages a test saved or deleted are put back in the index as the database has them before the next test
starts, and the index is refreshed after `make_page` so a test can search for the page it just published.
"""

import itertools

import elastic_transport
import elasticsearch
import opensearchpy
import pytest
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.test import override_settings
from wagtail.models import Page

from cms_pages.models import ServiceAreaPage, TaskPage
from customer_connect.settings.search_backends import database_backend
from search.fallback import backend_named, breaker, is_search_server
from search.vocabulary import invalidate
from tests.conftest import westmere

NOT_THERE = (
    opensearchpy.exceptions.ConnectionError,
    opensearchpy.exceptions.NotFoundError,
    elastic_transport.ConnectionError,
    elasticsearch.NotFoundError,
)
_slugs = itertools.count(1)
_touched_pages = set()
_refresh = {"after_each_change": False}  # on once the demo council is loaded and indexed in bulk


def search_server():
    """The default backend when it is OpenSearch or Elasticsearch, else None."""
    return backend_named("default") if is_search_server() else None


def page_index(backend):
    return backend.get_index_for_model(Page)


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _touched_pages.add(instance.pk)


def refresh_search_server():
    """Make what was just indexed searchable now (OpenSearch refreshes every second by itself)."""
    backend = search_server()
    if backend is not None and _refresh["after_each_change"]:
        try:
            page_index(backend).refresh()
        except NOT_THERE:  # the fallback tests' dead server
            pass


post_save.connect(_page_changed, dispatch_uid="search-tests-page-saved")
post_delete.connect(_page_changed, dispatch_uid="search-tests-page-deleted")


@pytest.fixture(autouse=True)
def index_matches_the_database(django_db_setup, django_db_blocker):
    """Before each test: pages earlier tests changed are indexed again as the database has them now."""
    backend = search_server()
    if backend is not None and _touched_pages:
        with django_db_blocker.unblock():
            existing = {page.pk: page for page in Page.objects.filter(pk__in=_touched_pages).specific()}
            for pk in _touched_pages:
                if pk in existing:
                    backend.add(existing[pk])
                else:
                    stub = Page(pk=pk)
                    backend.delete(stub)
        page_index(backend).refresh()
    _touched_pages.clear()
    yield


@pytest.fixture
def without_forced_refresh():
    """The index as production has it: changes show once the server refreshes (every second by default)."""
    _refresh["after_each_change"] = False
    yield
    _refresh["after_each_change"] = True


@pytest.fixture(scope="session", autouse=True)
def search_server_session(django_db_setup):
    """The demo council was just indexed in bulk (update_index); afterwards the tests' own index clean-up."""
    _touched_pages.clear()
    _refresh["after_each_change"] = True
    yield
    backend = search_server()
    if backend is not None:
        prefix = backend.index_prefix
        for name in backend.es.indices.get(index=f"{prefix}*"):
            backend.es.indices.delete(index=name)


@pytest.fixture(autouse=True)
def clean_search_state():
    """Each test starts with a fresh vocabulary, rate limits and search-server breaker."""
    cache.clear()
    invalidate()
    breaker.record_success()
    yield
    breaker.record_success()
    invalidate()


@pytest.fixture
def database_search():
    """Force the database backend, even when OPENSEARCH_URL or ELASTICSEARCH_URL is set for the run."""
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": database_backend()}):
        invalidate()
        yield


@pytest.fixture
def area(db):
    return ServiceAreaPage.objects.get(**westmere(), slug="bins-and-recycling")


def add_page(parent, model=TaskPage, **fields):
    """Publish a page under `parent`. Saving it indexes it in every search backend (Wagtail's signals)."""
    number = next(_slugs)
    fields.setdefault("title", f"Test page {number}")
    fields.setdefault("slug", f"search-test-{number}")
    fields.setdefault("summary", "A page made by the search tests.")
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    refresh_search_server()
    return page


@pytest.fixture
def make_page(area):
    def make(model=TaskPage, parent=None, **fields):
        return add_page(parent or area, model, **fields)

    return make

