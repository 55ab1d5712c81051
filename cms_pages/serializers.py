"""Pages as the chat assistant sees them: one place that says what a page's chat answer is."""
from cms_pages.models.chat import chat_page_models


def page_path(page, request=None):
    """The page's path from its site's root ("/council-tax/pay/"), whatever the hostname."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


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


def chat_pages(site=None):
    """The live, public pages the assistant answers, in tree order (of one site if given)."""
    found = []
    for model in chat_page_models():
        pages = model.objects.live().public().filter(chat_enabled=True).exclude(chat_key="")
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        found.extend(pages)
    return sorted(found, key=lambda page: page.path)


def chat_page_for_key(key, site=None):
    for model in chat_page_models():
        pages = model.objects.live().public().filter(chat_enabled=True, chat_key=key)
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        page = pages.first()
        if page is not None:
            return page
    return None
