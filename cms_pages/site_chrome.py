"""What every page's footer and chat widget show from the content tree, for the site a request is for: built once
per site and content version, not on every render.

It changes only when something residents see is published, moved or unpublished, which bumps the page cache's
version (sitewide.page_cache), so it is kept under that version, for as long as a cached page
(PAGE_CACHE_SECONDS; 0 turns both off). Each request still reads it at most once.
"""
import json

from wagtail.models import Page

from assistant.chat_pages import chat_page_models
from cms_pages.models import HomePage, ServiceAreaPage, StandardPage
from cms_pages.page_links import contact_page
from sitewide.councils import council_for_site
from sitewide.current_site import current_site
from sitewide.page_cache import kept

CHAT_SUGGESTIONS = 4
ABOUT_THE_ASSISTANT = "how-our-assistant-works"


def suggestion(page):
    """(button title, what is sent): the page's title, and the first question residents ask about it when the
    assistant answers it, so the assistant gets words it was taught; else the title itself."""
    questions = page.get_chat_questions() if getattr(page, "chat_enabled", False) else []
    return {"title": page.title, "payload": questions[0] if questions else page.title}


def chat_suggestions(home):
    """The chat's suggested questions (the home page's top tasks), as JSON for the widget."""
    ids = [item["value"] for item in home.top_tasks.raw_data if item.get("value")]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
    return json.dumps([suggestion(pages[pk]) for pk in ids if pk in pages][:CHAT_SUGGESTIONS])


def links(pages, request):
    return [(page.get_url(request), page.title) for page in pages]


def support_pages(site, home):
    """The home page's standard pages (accessibility, ...), then the council's privacy notice and cookies page as its
    settings name them (last, each once)."""
    council = council_for_site(site)
    policy_ids = [pk for pk in (council.privacy_page_id, council.cookies_page_id) if pk] if council else []
    policies = {page.pk: page for page in Page.objects.filter(pk__in=policy_ids).live().public().in_site(site)}
    others = [page for page in StandardPage.objects.child_of(home).live().public() if page.pk not in policy_ids]
    return others + [policies[pk] for pk in policy_ids if pk in policies]


def build(site, request):
    home = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
    contact = contact_page(site)
    about = Page.objects.live().public().in_site(site).filter(slug=ABOUT_THE_ASSISTANT).first() if site else None
    children = (lambda model: model.objects.child_of(home).live().public()) if home else (lambda model: [])
    return {
        "contact_url": contact.get_url(request) if contact else "",
        "areas": links(children(ServiceAreaPage), request),
        "support_pages": links(support_pages(site, home), request) if home else [],
        "chat_suggestions": chat_suggestions(home) if home else "[]",
        "about_url": about.get_url(request) if about else "",
        # The chat is offered only on a council whose pages the assistant answers: another council's answers (its
        # prices, its forms) must never be given on this council's site.
        "has_assistant": bool(site) and any_chat_page(site),
    }


EMPTY = {
    "contact_url": "", "areas": [], "support_pages": [], "chat_suggestions": "[]", "about_url": "",
    "has_assistant": False,
}


def any_chat_page(site):
    return any(
        model.objects.live().public().filter(chat_enabled=True).exclude(chat_key="").in_site(site).exists()
        for model in chat_page_models()
    )


def site_chrome(request):
    """{contact_url, areas, support_pages, chat_suggestions, about_url, has_assistant} for the request's site."""
    if request is None:
        return EMPTY
    if not hasattr(request, "_wm_site_chrome"):
        site = current_site(request)
        request._wm_site_chrome = kept(f"site-chrome:{site.pk if site else 0}", lambda: build(site, request))
    return request._wm_site_chrome
