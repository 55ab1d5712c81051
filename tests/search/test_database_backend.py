"""The database backend (search.database_backend): Wagtail's, with SQLite's relevance order fixed."""
import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page
from wagtail.search.query import And, Or, PlainText

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the fixes are for SQLite FTS5")


@pytest.fixture
def backend(database_search):
    return get_search_backend("default")


@pytest.mark.parametrize(
    "query",
    [PlainText("bin"), And([PlainText("bin"), PlainText("day")]), Or([PlainText("tip"), PlainText("dump")])],
    ids=["word", "and", "or"],
)
def test_ranked_results_are_the_same_pages_best_first(backend, query):
    queryset = Page.objects.live()
    ranked = list(backend.search(query, queryset).annotate_score("_score"))
    unranked = list(backend.search(query, queryset, order_by_relevance=False))
    assert ranked and {page.pk for page in ranked} == {page.pk for page in unranked}
    assert backend.search(query, queryset).count() == len(ranked)
    scores = [page._score for page in ranked]
    best_first = sorted(scores) if connection.vendor == "sqlite" else sorted(scores, reverse=True)
    assert scores == best_first  # SQLite's bm25 is lower-is-better, PostgreSQL's ts_rank higher-is-better


@sqlite_only
def test_and_queries_put_the_best_match_first_on_sqlite(backend):
    # modelsearch 1.3 alone returns these in reverse order.
    results = [page.title for page in backend.search(And([PlainText("council"), PlainText("tax")]), Page)[:3]]
    assert "Council Tax" in results


def test_slices_and_filters_are_respected(backend):
    queryset = Page.objects.live().filter(depth__gt=3)
    everything = list(backend.search(PlainText("bin"), queryset))
    assert all(page.depth > 3 for page in everything)
    assert list(backend.search(PlainText("bin"), queryset)[2:5]) == everything[2:5]


def test_admin_page_search_still_works(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/pages/search/", {"q": "missed bin"})
    assert response.status_code == 200 and "Report a missed bin collection" in response.content.decode()


def test_matches_beyond_the_first_read_rows_are_checked_and_read_too(backend, monkeypatch):
    from search import database_backend
    from search.candidates import as_candidates

    queryset = Page.objects.live().filter(depth__gt=3)
    everything = [page.pk for page in backend.search(PlainText("bin"), queryset)]
    monkeypatch.setattr(database_backend, "CANDIDATE_ROWS", 2)  # the rest are checked in chunks, read when asked
    results = backend.search(PlainText("bin"), queryset)
    assert len(everything) > 4 and results.count() == len(everything)
    assert [page.pk for page in results] == everything
    assert [candidate.pk for candidate in as_candidates(results[:5])] == everything[:5]
