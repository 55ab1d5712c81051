"""The candidates' columns read for a search (search.candidates): only pages of the search's own queryset."""
import pytest
from wagtail.models import Page, PageViewRestriction, Site

from cms_pages.models import TaskPage
from search import candidates, queries

pytestmark = pytest.mark.django_db


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
