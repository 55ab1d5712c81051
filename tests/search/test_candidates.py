"""Candidates are re-ranked from four columns (search.candidates); only the pages shown are made into pages, and
the columns are read only of pages of the search's own queryset."""
import pytest
from django.db import connection
from django.db.models.signals import post_init
from wagtail.models import Page, PageViewRestriction, Site

from cms_pages.models import StandardPage, TaskPage
from search import candidates, engine, queries

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


def orm_candidates(queryset, pks):
    return {pk: (type_id, title, url_path) for pk, type_id, title, url_path in
            queryset.order_by().filter(pk__in=pks).values_list(*candidates.FIELDS)}


def read(queryset, pks):
    found = candidates.candidates_by_pk(queryset, pks)
    return {pk: (row.content_type_id, row.title, row.url_path) for pk, row in found.items()}


def test_each_queryset_keeps_to_its_own_pages():
    every_page = list(Page.objects.values_list("pk", flat=True))
    westmere, fellside = Site.objects.get(is_default_site=True), Site.objects.get(hostname="fellside.localhost")
    for queryset in (
        queries.base_queryset(westmere),
        queries.base_queryset(fellside),
        queries.base_queryset(westmere).type(TaskPage),
        queries.base_queryset(westmere),  # asked again: the statement kept for it
    ):
        expected = orm_candidates(queryset, every_page)
        assert expected and read(queryset, every_page) == expected
    assert not set(read(queries.base_queryset(westmere), every_page)) & set(
        read(queries.base_queryset(fellside), every_page))


def test_a_page_made_private_since_is_not_a_candidate(settings):
    settings.PAGE_CACHE_SECONDS = 60  # the base queryset is kept per version of the content, as in production
    site = Site.objects.get(is_default_site=True)
    page = TaskPage.objects.live().descendant_of(site.root_page).first()
    assert page.pk in read(queries.base_queryset(site), [page.pk])
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert page.pk not in read(queries.base_queryset(site), [page.pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statement is PostgreSQL's (SQLite reads by the ORM)")
def test_the_base_querysets_statement_is_found_without_making_its_sql(settings, monkeypatch):
    """Making a queryset's SQL only to look its statement up was ~0.7 ms of each query of a search."""
    settings.PAGE_CACHE_SECONDS = 60
    site = Site.objects.get(is_default_site=True)
    page = TaskPage.objects.live().descendant_of(site.root_page).first()
    read(queries.base_queryset(site), [page.pk])  # the statement made and kept
    made = []
    original = type(queries.base_queryset(site).query).sql_with_params
    monkeypatch.setattr(type(queries.base_queryset(site).query), "sql_with_params",
                        lambda query: made.append(query) or original(query))
    assert page.pk in read(queries.base_queryset(site), [page.pk])
    assert made == []
    assert page.pk in read(queries.base_queryset(site).type(TaskPage), [page.pk])  # a queryset of its own
    assert made
