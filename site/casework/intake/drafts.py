"""Answers kept server-side in the resident's session until the form is sent, including answers that failed a
check, so nothing typed is lost; and the photo waiting to be joined to the request.

What is kept is bounded: each answer at most a little more than its question allows (the page shows the
"must be N characters or fewer" message and what was posted), and a list at most as long as its choices.
"""
from .questions import PHOTO_FIELD

KEPT_BEYOND_MAX_LENGTH = 1000  # room to show "too long" and let the resident shorten it
KEPT_WITHOUT_MAX_LENGTH = 1000  # numbers, dates and choices
MAX_LIST_ITEMS = 100


def draft_key(page):
    return f"taskform:{page.pk}"


def last_sent_key(page):
    return f"{draft_key(page)}:last"


def load(request, page):
    draft = request.session.get(draft_key(page)) or {}
    draft.setdefault("values", {})
    draft.setdefault("photo", None)
    return draft


def save(request, page, draft):
    request.session[draft_key(page)] = draft
    request.session.modified = True


def clear(request, page):
    request.session.pop(draft_key(page), None)


def bounded(value, limit):
    if isinstance(value, str):
        return value[:limit]
    if isinstance(value, list | tuple):
        return [bounded(item, limit) for item in list(value)[:MAX_LIST_ITEMS]]
    return value


def keep_typed(request, page, draft, form, names):
    """Store what was posted for these questions, even if it is wrong."""
    for name in names:
        if name == PHOTO_FIELD:
            continue
        field = form.fields[name]
        max_length = getattr(field, "max_length", None)
        limit = max_length + KEPT_BEYOND_MAX_LENGTH if max_length else KEPT_WITHOUT_MAX_LENGTH
        draft["values"][name] = bounded(field.widget.value_from_datadict(request.POST, request.FILES, name), limit)
    save(request, page, draft)
