"""Wagtail's database search backend, with one fix for SQLite.

It picks the same implementation as ``wagtail.search.backends.database`` (PostgreSQL full text, MySQL, SQLite
FTS5 or the plain fallback) and indexes exactly the same way. On SQLite, modelsearch 1.3 scores ``And(...)``
queries as ``product(1 + bm25) - 1``; SQLite's bm25() is negative (lower is better), so the product flips
sign and the best matches come last. Here an ``And`` is scored as the sum of its parts, which keeps the order
right. PostgreSQL's ts_rank is positive, so it needs no change.
"""
from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import And
from modelsearch.utils import ADD


def _sqlite_classes():
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class FixedAndRankMixin:
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, And):
                return ADD(self.build_tsrank(vector, sub, config=config, boost=boost) for sub in query.subqueries)
            return super().build_tsrank(vector, query, config=config, boost=boost)

    class QueryCompiler(FixedAndRankMixin, SQLiteSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(FixedAndRankMixin, SQLiteAutocompleteQueryCompiler):
        pass

    class Backend(SQLiteSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler

    return Backend


_SQLITE_BACKEND = None


def SearchBackend(params):  # noqa: N802 (modelsearch looks this name up)
    backend = database_search_backend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        global _SQLITE_BACKEND
        if _SQLITE_BACKEND is None:
            _SQLITE_BACKEND = _sqlite_classes()
        return _SQLITE_BACKEND(params)
    return backend
