"""Answers kept server-side in the resident's session until the form is sent, including answers that failed a
check, so nothing typed is lost; and the photo waiting to be joined to the request.

What is kept is bounded: each answer at most a little more than its question allows (the page shows the
"must be N characters or fewer" message and what was posted), and a list at most as long as its choices.
"""
from kit.text import clean_text

from .questions import PHOTO_FIELD

KEPT_BEYOND_MAX_LENGTH = 1000  # room to show "too long" and let the resident shorten it
KEPT_WITHOUT_MAX_LENGTH = 1000  # numbers, dates and choices
MAX_LIST_ITEMS = 100
# ?details= on a form's start: what the resident already told the chat assistant ("the crew left rubbish
# everywhere"), put in the form's first long-answer question for them to check. Never more than this.
DETAILS_PARAM = "details"
MAX_DETAILS = 1000


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


def prefill_details(request, page, text):
    """Put what the resident already said into the form's first long-answer question, unless they have
    answered it: they see it there, and change it or send it as it is."""
    text = clean_text(text or "").strip()[:MAX_DETAILS]
    if not text:
        return
    draft = load(request, page)
    for field in page.get_form_fields():
        if field.field_type == "multiline":
            if not draft["values"].get(field.clean_name):
                draft["values"][field.clean_name] = text
                save(request, page, draft)
            return
