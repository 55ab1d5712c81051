"""The ranked full-text SQL built once per shape of query (search.query_shapes)."""
import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page
from wagtail.search.query import And, Fuzzy, Or, PlainText

from search import query_shapes
from search.engine import search


def test_a_query_of_a_known_shape_gets_its_own_words_without_building_again():
    built = []

    def build(query):
        built.append(query)
        return "SELECT " + ", ".join(f"'''{part.query_string}''':*" for part in query.subqueries)

    key = ("test", "once")
    first = query_shapes.compiled(And([PlainText("council"), PlainText("tax")]), key, build)
    second = query_shapes.compiled(And([PlainText("missed"), PlainText("bin")]), key, build)
    assert len(built) == 1 and "council" not in repr(built[0])  # built with stand-ins, not the first words
    assert first == "SELECT '''council''':*, '''tax''':*"
    assert second == "SELECT '''missed''':*, '''bin''':*"


@pytest.mark.parametrize(
    "query",
    [PlainText("pay council-tax"), PlainText("o'brien"), Fuzzy("bin"), And([PlainText("bin"), Fuzzy("day")])],
    ids=["hyphen", "quote", "fuzzy", "fuzzy inside"],
)
def test_what_is_not_plain_words_is_built_as_it_is(query):
    built = []
    query_shapes.compiled(query, ("test", "as-is"), lambda q: built.append(q) or "SQL")
    assert built == [query]


def test_the_cache_of_shapes_is_bounded(monkeypatch):
    monkeypatch.setattr(query_shapes, "_compiled", {})
    monkeypatch.setattr(query_shapes, "MAX_SHAPES", 3)
    for size in range(1, 8):
        query = And([PlainText(f"w{i}") for i in range(size)]) if size > 1 else PlainText("w")
        query_shapes.compiled(query, ("test", "bounded"), lambda q: "SQL")
    assert 0 < len(query_shapes._compiled) <= 3


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the shapes are PostgreSQL's ranked query")
@pytest.mark.parametrize(
    "query",
    [
        PlainText("bin"),
        And([PlainText("council"), PlainText("tax")]),
        And([PlainText("missed"), PlainText("bin")]),  # the shape of the one before, other words
        Or([And([PlainText("tip"), PlainText("opening")]), And([PlainText("recycling"), PlainText("centre")])]),
        Or([PlainText("garden"), PlainText("waste")]),
    ],
)
def test_ranked_rows_are_those_built_for_the_query_itself(database_search, query):
    backend = get_search_backend("default")
    compiler = backend.search(query, Page.objects.live()).query_compiler
    config = compiler.get_config(backend)
    key = (Page, str(config), type(compiler))

    def rows(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    direct = rows(compiler._ranked_entries_sql(query, config))
    shaped = rows(query_shapes.compiled(query, key, lambda q: compiler._ranked_entries_sql(q, config)))
    assert direct and shaped == direct


@pytest.mark.django_db
def test_searches_of_the_same_shape_find_their_own_pages(database_search):
    assert "Pay your Council Tax" in [hit.title for hit in search("council tax").hits[:3]]
    missed_bin = [hit.title for hit in search("missed bin").hits[:3]]
    assert "Report a missed bin collection" in missed_bin and "Pay your Council Tax" not in missed_bin
