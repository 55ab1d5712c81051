"""What every page shows from the content tree: the service areas (the footer's "Services"), the pages beside
this one in its service area (the sidebar's "More in ..."), the chat's suggested questions (the home
page's top tasks, each sent as the first question residents ask about it), and the contact page's address
(found by its type, wherever an editor has put it: no template types it)."""
from django import template
from wagtail.models import Page

from cms_pages.models import ServiceAreaPage
from cms_pages.site_chrome import site_chrome

register = template.Library()

MORE_IN_LIMIT = 6


@register.simple_tag(takes_context=True)
def contact_url(context):
    """{% contact_url as contact %}: the contact page's URL, or ""."""
    return site_chrome(context.get("request"))["contact_url"]


@register.simple_tag(takes_context=True)
def about_the_assistant_url(context):
    """{% about_the_assistant_url as about %}: the "How our assistant works" page's URL, or ""."""
    return site_chrome(context.get("request"))["about_url"]


@register.simple_tag(takes_context=True)
def footer_support_pages(context):
    """The footer's support links after "Contact us": the standard pages at the top of the site (the accessibility
    statement, privacy notice, cookies...), live and public, in the order editors put them, as (url, title)."""
    return site_chrome(context.get("request"))["support_pages"]


@register.inclusion_tag("cms_pages/includes/footer_services.html", takes_context=True)
def footer_services(context):
    return {"areas": site_chrome(context.get("request"))["areas"]}


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


@register.simple_tag(takes_context=True)
def assistant_offered(context):
    """{% assistant_offered as chat %}: whether the assistant answers for this council (it answers some pages)."""
    return site_chrome(context.get("request"))["has_assistant"]


@register.simple_tag(takes_context=True)
def chat_suggestions(context):
    """The chat's suggested questions as JSON, for the widget's data-suggestions attribute."""
    return site_chrome(context.get("request"))["chat_suggestions"]
