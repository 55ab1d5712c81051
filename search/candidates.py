"""A matching page as re-ranking reads it, made from four columns instead of a whole Wagtail page.

A site search re-ranks up to 200 candidates (search.queries), and making a Wagtail page from its row costs about
45 microseconds (Django and modelcluster set up every field and child relation): 9 of a 10,000-page council's
search's 40 ms, where the same rows as values take 1 ms. Only the pages shown are made into pages
(search.hits.shown_pages).
"""
from dataclasses import dataclass, fields

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL


@dataclass(eq=False)
class Candidate:
    pk: int
    content_type_id: int
    title: str
    url_path: str

    @property
    def specific_class(self):
        """The page's own model, as Page.specific_class gives it (None if its model is gone)."""
        return ContentType.objects.get_for_id(self.content_type_id).model_class()


FIELDS = tuple(field.name for field in fields(Candidate))  # the columns read, in the order Candidate takes them


def candidates_by_pk(queryset, pks):
    """{pk: Candidate} for those of `pks` still in the queryset."""
    if connection.vendor == "postgresql":
        sql, params, ids_at = statement_for(queryset)
        params[ids_at] = list(pks)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    else:
        rows = queryset.order_by().filter(pk__in=pks).values_list(*FIELDS)
    return {row[0]: Candidate(*row) for row in rows}


# On PostgreSQL the ids are one array parameter, so the query is the same for every search on the same queryset and
# is built once per queryset (by its own SQL, ~0.15 ms to make, where building the query is ~0.8 ms); psycopg also
# parses a statement of over 50 parameters for its placeholders on every execution.
IDS = "SELECT unnest(%s::integer[])"
MAX_STATEMENTS = 200
_statements = {}  # the queryset's key or (its SQL, its parameters) -> (SQL, parameters, where the ids go)
# A queryset may carry its own key (search.queries.base_queryset's, its site and page-cache version), which spares
# making its SQL only to look the statement up (~0.7 ms, twice in a sentence's search). A queryset made from it
# (a filter, .type()) is a new object without it.
KEY_ATTRIBUTE = "candidate_statement_key"


def statement_for(queryset):
    key = getattr(queryset, KEY_ATTRIBUTE, None)
    if key is None:
        sql, params = queryset.query.sql_with_params()
        key = (sql, tuple(params))
    kept = _statements.get(key)
    if kept is None:
        ids = []
        query = queryset.order_by().filter(pk__in=RawSQL(IDS, (ids,))).values_list(*FIELDS).query
        statement, statement_params = query.sql_with_params()
        ids_at = next(i for i, param in enumerate(statement_params) if param is ids)
        if len(_statements) >= MAX_STATEMENTS:
            _statements.clear()
        kept = _statements[key] = (statement, tuple(statement_params), ids_at)
    statement, statement_params, ids_at = kept
    return statement, list(statement_params), ids_at


class CandidateResultsMixin:
    """For a search backend's results class: `as_candidates()`, the same results as Candidates."""

    candidates_only = False

    def as_candidates(self):
        clone = self._clone()
        clone.candidates_only = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone.candidates_only = self.candidates_only
        return clone


def as_candidates(results):
    """The results as Candidates when the backend can (ours can; a stock backend gives its pages)."""
    return results.as_candidates() if isinstance(results, CandidateResultsMixin) else results
