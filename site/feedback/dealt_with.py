"""Marking what the dashboard lists as dealt with, so it leaves the list of things to act on: only ever the items of
the councils the member of staff works for (scope.py); another council's item is "not found"."""

from django.shortcuts import get_object_or_404

from sitewide import council_staff

from .models import HandledSearch, PageFeedback
from .scope import about_a_page, page_feedback_for, question_or_404, same_council, service_comments_for


def mark_question_dealt_with(question):
    """The question, and every other time it was asked in the same words in its council. Returns how many."""
    if question is None:
        return 0
    asked = type(question).objects.filter(same_council(question), text__iexact=question.text, dealt_with=False)
    return asked.update(dealt_with=True)


def councils_meant(user, council):
    """The ids of the councils an item of a page or a search is marked for: the one the button names (if `user`
    works for it), else all of theirs."""
    ids = council_staff.council_ids_for(user)
    if not council:
        return ids
    return {int(council)} & ids if council.isdigit() else set()


def mark_dealt_with(user, kind, key, council=""):
    """One item of the dashboard by its kind and key (as the dashboard's buttons post them), of `user`'s councils
    (of the one `council` names, for a page's or a search's, which every council may have). Returns how many."""
    if kind == "page":
        feedback = PageFeedback.objects.filter(about_a_page(councils_meant(user, council), "page"))
        return feedback.filter(path=key, dealt_with=False).update(dealt_with=True)
    if kind in ("feedback", "comment") and key.isdigit():
        found = get_object_or_404(page_feedback_for(user) if kind == "feedback" else service_comments_for(user), pk=key)
        return type(found).objects.filter(pk=found.pk).update(dealt_with=True)
    if kind == "question" and key.isdigit():
        return mark_question_dealt_with(question_or_404(user, key))
    if kind == "search" and key:
        meant = councils_meant(user, council)
        if len(meant) != 1:  # a search is marked for one council: the button says which
            return 0
        HandledSearch.objects.get_or_create(query=key[:255], site_id=meant.pop())
        return 1
    return 0
