"""Pages as the chat assistant sees them: one place that says what a page's chat answer is. The pages it
answers are assistant.chat_pages'."""

from service_status.current import affecting, as_update

from sitewide.pages import page_path


def chat_summary(page, request=None):
    """Key, title, URL and kind: enough to link the page (the action server caches these)."""
    return {
        "key": page.chat_key,
        "title": page.title,
        "path": page_path(page, request),
        "url": page.get_url(request),
        "kind": page.chat_kind,
    }


def chat_answer(page, request=None):
    """Everything the assistant says about a page: the answer, "Start now" form and who else does it."""
    start_page = page.get_chat_start_page()
    return {
        **chat_summary(page, request),
        "summary": page.summary,
        "answer": page.chat_answer,
        "start_url": start_page.get_url(request) if start_page else None,
        "signpost": page.get_chat_signpost(),
        "details": chat_details(page),
        "service_updates": [as_update(disruption) for disruption in affecting(page)],
    }


def chat_details(page):
    """What the page says about cost, time, what you need and who can use it, for follow-up questions
    ("how much is it?"): only what it says (task pages say most)."""
    details = {
        "cost": page.cost_text() if hasattr(page, "cost_text") else "",
        "time_taken": getattr(page, "time_taken", ""),
        "who_can_use": getattr(page, "who_can_use", ""),
        "what_you_need": page.what_you_need_list() if hasattr(page, "what_you_need_list") else [],
    }
    return {name: value for name, value in details.items() if value}
