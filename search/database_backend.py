"""Wagtail's database search backend, with two fixes for SQLite.

It picks the same implementation as ``wagtail.search.backends.database`` (PostgreSQL full text, MySQL, SQLite
FTS5 or the plain fallback) and indexes exactly the same way. On SQLite, modelsearch 1.3:

* scores ``And(...)`` queries as ``product(1 + bm25) - 1``. SQLite's bm25() is negative (lower is better),
  so the product flips sign and the best matches come last. modelsearch's bm25() takes no column weights, so
  every part of a query has the same score anyway: here the score is bm25() once per indexed column (title,
  body) times that column's weight, which keeps the order of single-word queries and fixes the rest.
* orders results by relevance through a correlated subquery that runs the full-text match again for every
  matching row, which takes seconds once a query matches a few thousand pages. Here the match runs once,
  ranked and sliced in the same query, and the pages are then loaded by id.

PostgreSQL's ts_rank is positive and ranked in one pass, so it needs neither change.
"""
from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import MatchAll, Not
from modelsearch.utils import ADD


def _sqlite_backend_class():
    from django.db.models import TextField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.utils import get_descendants_content_types_pks

    class OnePassRankingMixin:
        def _build_rank_expression(self, vectors, config):
            return ADD(BM25() * boost for _vector, boost in vectors)

        def ranked_ids(self, config, start, stop):
            """[(pk, score)] best first, or None for queries this can't rank (match all, negations)."""
            query = normalize(self.query)
            if isinstance(query, (MatchAll, Not)):
                return None
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            wanted = self.queryset.order_by().annotate(_object_id=Cast("pk", TextField())).values("_object_id")
            rows = (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                    index_entry__object_id__in=wanted,
                )
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score", "-index_entry_id")  # bm25: lower is better
                .values_list("index_entry__object_id", "score")
            )[start:stop]
            to_python = self.queryset.model._meta.pk.to_python
            return [(to_python(object_id), score) for object_id, score in rows]

    class QueryCompiler(OnePassRankingMixin, SQLiteSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(OnePassRankingMixin, SQLiteAutocompleteQueryCompiler):
        pass

    class Results(SQLiteSearchResults):
        def _do_search(self):
            compiler = self.query_compiler
            ranked = None
            if compiler.order_by_relevance:
                ranked = compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)
            if ranked is None:
                return super()._do_search()
            found = compiler.queryset.order_by().in_bulk([pk for pk, _ in ranked])
            results = []
            for pk, score in ranked:
                obj = found.get(pk)
                if obj is not None:
                    if self._score_field:
                        setattr(obj, self._score_field, score)
                    results.append(obj)
            return results

    class Backend(SQLiteSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler
        results_class = Results

    return Backend


_SQLITE_BACKEND = None


def SearchBackend(params):  # noqa: N802 (modelsearch looks this name up)
    backend = database_search_backend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        global _SQLITE_BACKEND
        if _SQLITE_BACKEND is None:
            _SQLITE_BACKEND = _sqlite_backend_class()
        return _SQLITE_BACKEND(params)
    return backend
