"""A matching page as re-ranking reads it, made from four columns instead of a whole Wagtail page.

A site search re-ranks up to 200 candidates (search.queries), and making a Wagtail page from its row costs about
45 microseconds (Django and modelcluster set up every field and child relation): 9 of a 10,000-page council's
search's 40 ms, where the same rows as values take 1 ms. Only the pages shown are made into pages
(search.hits.shown_pages).
"""
from dataclasses import dataclass, fields

from django.contrib.contenttypes.models import ContentType


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
    rows = queryset.order_by().filter(pk__in=pks).values_list(*FIELDS)
    return {row[0]: Candidate(*row) for row in rows}


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
