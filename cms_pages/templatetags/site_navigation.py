"""What every page shows from the content tree: the service areas (the footer's "Services"), the pages beside
this one in its service area (the sidebar's "More in ..."), the chat's suggested questions (the home
page's top tasks, each sent as the first question residents ask about it), and the contact page's address
(found by its type, wherever an editor has put it: no template types it)."""
import json

from django import template
from wagtail.models import Page

from cms_pages.models import HomePage, ServiceAreaPage, StandardPage
from cms_pages.page_links import contact_page
from sitewide.current_site import current_site

register = template.Library()

MORE_IN_LIMIT = 6
CHAT_SUGGESTIONS = 4


def home_page(request):
    """The home page of the site this request is for (looked up once per request), or None."""
    if request is None:
        return None
    if not hasattr(request, "_wm_home_page"):
        site = current_site(request)
        request._wm_home_page = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
    return request._wm_home_page


def contact_page_url(request):
    """The URL of the contact page of the site this request is for (looked up once per request); "" when there
    is none (an empty database): the templates then leave their "Contact us" link out."""
    if request is None:
        return ""
    if not hasattr(request, "_wm_contact_url"):
        page = contact_page(current_site(request))
        request._wm_contact_url = page.get_url(request) if page else ""
    return request._wm_contact_url


@register.simple_tag(takes_context=True)
def contact_url(context):
    """{% contact_url as contact %}: the contact page's URL, or ""."""
    return contact_page_url(context.get("request"))


@register.simple_tag(takes_context=True)
def footer_support_pages(context):
    """The footer's support links after "Contact us": the standard pages at the top of the site (the accessibility
    statement, privacy notice, cookies...), live and public, in the order editors put them, as (url, title)."""
    request = context.get("request")
    home = home_page(request)
    if home is None:
        return []
    return [(page.get_url(request), page.title) for page in StandardPage.objects.child_of(home).live().public()]


@register.inclusion_tag("cms_pages/includes/footer_services.html", takes_context=True)
def footer_services(context):
    home = home_page(context.get("request"))
    areas = ServiceAreaPage.objects.child_of(home).live().public() if home else []
    return {"areas": areas, "request": context.get("request")}


@register.inclusion_tag("cms_pages/includes/more_in_area.html", takes_context=True)
def more_in_area(context, page):
    """The service area a page is in, and up to MORE_IN_LIMIT other pages there: not this page, the guide a
    guide part belongs to, nor the pages its "Related" list or its steps already link."""
    area = ServiceAreaPage.objects.ancestor_of(page).live().first()
    others = []
    if area:
        linked = {other.pk for other in page.get_related()} if hasattr(page, "get_related") else set()
        if hasattr(page, "linked_page_ids"):
            linked |= page.linked_page_ids()
        pages = Page.objects.child_of(area).live().public().not_ancestor_of(page, inclusive=True)
        others = list(pages.exclude(pk__in=linked)[:MORE_IN_LIMIT])
    return {"area": area, "others": others, "request": context.get("request")}


def suggestion(page):
    """(button title, what is sent): the page's title, and the first question residents ask about it when the
    assistant answers it, so the assistant gets words it was taught; else the title itself."""
    questions = page.get_chat_questions() if getattr(page, "chat_enabled", False) else []
    return {"title": page.title, "payload": questions[0] if questions else page.title}


@register.simple_tag(takes_context=True)
def chat_suggestions(context):
    """The chat's suggested questions as JSON, for the widget's data-suggestions attribute."""
    home = home_page(context.get("request"))
    if home is None:
        return "[]"
    ids = [item["value"] for item in home.top_tasks.raw_data if item.get("value")]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
    chosen = [suggestion(pages[pk]) for pk in ids if pk in pages][:CHAT_SUGGESTIONS]
    return json.dumps(chosen)
