"""Wagtail's database search backend, ranking in one pass over the search index.

It picks the same implementation as ``wagtail.search.backends.database`` (PostgreSQL full text, SQLite FTS5,
MySQL or the plain fallback) and indexes exactly the same way. Only relevance-ordered searches change: the
match runs once against the index entries, ranked and sliced in the same query, restricted to the pages of
the queryset, and the pages are then loaded by id. Without this, with modelsearch 1.3:

* SQLite orders by a correlated subquery that runs the full-text match again for every matching row:
  seconds once a query matches a few thousand pages. It also scores ``And(...)`` as
  ``product(1 + bm25) - 1``; SQLite's bm25() is negative (lower is better), so the best matches came last.
  Its bm25() takes no column weights, so every part of a query scores the same anyway: the score here is
  bm25() once per indexed column (title, body) times that column's weight.
* PostgreSQL joins pages to index entries on a cast id and cannot estimate how many rows ``@@`` keeps; once
  the tables are analysed it picks a nested loop over every page for every match (15 s for "bin day" on
  10,000 pages), for the count as well. Here the index entries are matched and ranked on their own, then
  kept if their page is in the queryset; the count reuses the same list.
"""
import copy

from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import ADD, get_descendants_content_types_pks

from . import query_shapes
from .candidates import CandidateResultsMixin, candidates_by_pk

# Candidates are the first 200 matches a search may show (search.queries): read with some to spare, for pages left
# out (private or another council's)
CANDIDATE_ROWS = 1000


def wanted_ids(queryset):
    """The queryset's page ids as text, the type of the index entries' object_id."""
    return queryset.order_by().annotate(_object_id=Cast("pk", TextField())).values("_object_id")


class OnePassResults(CandidateResultsMixin):
    """Mixin for a backend's results class: ranked searches and counts through the compiler's one-pass query."""

    def _do_search(self):
        compiler = self.query_compiler
        ranked = None
        if compiler.order_by_relevance:
            ranked = compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)
        if ranked is None:
            return super()._do_search()
        pks = [pk for pk, _ in ranked]
        if self.candidates_only:
            known = getattr(compiler, "candidate_rows", {})
            found = {pk: known[pk] for pk in pks if pk in known}
            if len(found) < len(pks):
                found.update(candidates_by_pk(compiler.queryset, [pk for pk in pks if pk not in found]))
        else:
            found = compiler.queryset.order_by().in_bulk(pks)
        results = []
        for pk, score in ranked:
            obj = found.get(pk)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def _do_count(self):
        count = self.query_compiler.count_matches(self.query_compiler.get_config(self.backend))
        return super()._do_count() if count is None else count


def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )

    class OnePassRanking:
        def _build_rank_expression(self, vectors, config):
            return ADD(BM25() * boost for _vector, boost in vectors)

        def ranked_ids(self, config, start, stop):
            """[(pk, score)] best first, or None for queries this can't rank (match all, negations)."""
            query = normalize(self.query)
            if isinstance(query, (MatchAll, Not)):
                return None
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            rows = (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                    index_entry__object_id__in=wanted_ids(self.queryset),
                )
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score", "-index_entry_id")  # bm25: lower is better
                .values_list("index_entry__object_id", "score")
            )[start:stop]
            to_python = self.queryset.model._meta.pk.to_python
            return [(to_python(object_id), score) for object_id, score in rows]

        def count_matches(self, config):
            return None  # modelsearch's count is already a single semi-join on SQLite

    class QueryCompiler(OnePassRanking, SQLiteSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(OnePassRanking, SQLiteAutocompleteQueryCompiler):
        pass

    class Results(OnePassResults, SQLiteSearchResults):
        pass

    class Backend(SQLiteSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler
        results_class = Results

    return Backend


def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresAutocompleteQueryCompiler,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )

    def on_entries(expression):
        """F("index_entries__title") (from a page) -> F("title") (on the index entry)."""
        if isinstance(expression, F):
            return F(expression.name.removeprefix("index_entries__"))
        return expression

    class OnePassRanking:
        def _ranked_entries_sql(self, query, config):
            """The SQL (its parameters written in) of [(object_id, rank)] of every index entry matching `query`, best
            first."""
            search_query = self.build_tsquery(query, config=config)
            vectors = [(on_entries(v), on_entries(boost)) for v, boost in self.get_index_vectors(search_query)]
            combined = vectors[0][0]
            for vector, _boost in vectors[1:]:
                combined = combined._combine(vector, "||", False)
            shaped = copy.copy(self)  # the rank is built from the compiler's query: the stand-in's here
            shaped.query = query
            entries = (
                IndexEntry.objects.filter(content_type__in=get_descendants_content_types_pks(self.queryset.model))
                .annotate(_vector_=combined)
                .filter(_vector_=search_query)
                .annotate(_rank_=shaped._build_rank_expression(vectors, config))
                .order_by("-_rank_", "-id")
                .values_list("object_id", "_rank_")
            )
            return connection.ops.compose_sql(*entries.query.sql_with_params())

        def _ranked_matches(self, config):
            """[(pk, rank)] of every matching page in the queryset, best first; None if not handled here.
            Index entries are matched and ranked on their own (no join for the planner to misjudge), then
            kept if their page is in the queryset. Computed once for both the count and the slice; the
            first pages' Candidate columns are read on the way (`candidate_rows`)."""
            if self.fields is not None or isinstance(self.query, (MatchAll, Not, Fuzzy)):
                return None
            if getattr(self, "_ranked_cache", None) is None:
                key = (self.queryset.model, str(config), type(self))
                sql = query_shapes.compiled(self.query, key, lambda query: self._ranked_entries_sql(query, config))
                with connection.cursor() as cursor:
                    cursor.execute(sql)
                    rows = cursor.fetchall()
                to_python = self.queryset.model._meta.pk.to_python
                rows = [(to_python(object_id), rank) for object_id, rank in rows]
                # The first matches' Candidate columns are read with the check that they are in the queryset
                self.candidate_rows = candidates_by_pk(self.queryset, [pk for pk, _ in rows[:CANDIDATE_ROWS]])
                allowed = set(self.candidate_rows)
                for i in range(CANDIDATE_ROWS, len(rows), 5000):
                    chunk = [pk for pk, _ in rows[i : i + 5000]]
                    allowed.update(self.queryset.order_by().filter(pk__in=chunk).values_list("pk", flat=True))
                self._ranked_cache = [(pk, rank) for pk, rank in rows if pk in allowed]
            return self._ranked_cache

        def ranked_ids(self, config, start, stop):
            ranked = self._ranked_matches(config)
            return None if ranked is None else ranked[start:stop]

        def count_matches(self, config):
            ranked = self._ranked_matches(config)
            return None if ranked is None else len(ranked)

    class QueryCompiler(OnePassRanking, PostgresSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(OnePassRanking, PostgresAutocompleteQueryCompiler):
        pass

    class Results(OnePassResults, PostgresSearchResults):
        pass

    class Backend(PostgresSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler
        results_class = Results

    return Backend


_CLASSES = {}
_FACTORIES = {"SQLiteSearchBackend": _sqlite_backend_class, "PostgresSearchBackend": _postgres_backend_class}


def SearchBackend(params):  # noqa: N802 (modelsearch looks this name up)
    backend = database_search_backend(params)
    name = type(backend).__name__
    if name not in _FACTORIES or connection.vendor not in ("sqlite", "postgresql"):
        return backend
    if name not in _CLASSES:
        _CLASSES[name] = _FACTORIES[name]()
    return _CLASSES[name](params)
