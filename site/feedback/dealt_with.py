"""Marking what the dashboard lists as dealt with, so it leaves the list of things to act on."""

from assistant.models import UnansweredQuestion

from .models import HandledSearch, PageFeedback, ServiceComment


def mark_question_dealt_with(question):
    """The question, and every other time it was asked in the same words. Returns how many."""
    if question is None:
        return 0
    return type(question).objects.filter(text__iexact=question.text, dealt_with=False).update(dealt_with=True)


def mark_dealt_with(kind, key):
    """One item of the dashboard by its kind and key (as the dashboard's buttons post them). Returns how many."""
    if kind == "page":
        return PageFeedback.objects.filter(path=key, dealt_with=False).update(dealt_with=True)
    if kind == "feedback" and key.isdigit():
        return PageFeedback.objects.filter(pk=key).update(dealt_with=True)
    if kind == "comment" and key.isdigit():
        return ServiceComment.objects.filter(pk=key).update(dealt_with=True)
    if kind == "question" and key.isdigit():
        return mark_question_dealt_with(UnansweredQuestion.objects.filter(pk=key).first())
    if kind == "search" and key:
        HandledSearch.objects.get_or_create(query=key[:255])
        return 1
    return 0
