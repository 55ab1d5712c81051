"""Storing feedback (always redacted) and finding the service area a page or address belongs to."""

import hashlib
from urllib.parse import urlsplit

from wagtail.models import Page

from kit.redaction import redact
from sitewide.councils import site_for_page
from sitewide.current_site import current_site
from sitewide.pages import ServiceArea, site_path

from .models import ChatAnswerFeedback, PageFeedback, ServiceComment

MAX_TEXT = 1200


def clean_text(text):
    """Single-spaced and redacted, at most MAX_TEXT characters; only the start of a long text is ever read."""
    text = str(text or "")[: MAX_TEXT * 4]
    return redact(" ".join(text.split()), max_length=MAX_TEXT)


def service_areas(site=None):
    """[(relative path, area page)] (of `site`'s council, if given), longest path first, for matching addresses to
    areas."""
    areas = []
    pages = Page.objects.type(ServiceArea)
    for area in pages.descendant_of(site.root_page) if site is not None else pages:
        url = area.get_url_parts()
        if url:
            areas.append((url[2], area))
    return sorted(areas, key=lambda item: -len(item[0]))


def area_for_path(path, areas=None):
    path = urlsplit(path or "").path or "/"
    for prefix, area in service_areas() if areas is None else areas:
        if path.startswith(prefix):
            return area
    return None


def page_for_path(path, site=None):
    """The page at a site-relative address (/bins-and-recycling/report-a-missed-bin/), or None."""
    site = site or current_site()
    if site is None:
        return None
    components = [part for part in urlsplit(path).path.split("/") if part]
    url_path = site.root_page.url_path + "".join(f"{part}/" for part in components)
    return Page.objects.filter(url_path=url_path).first()


def service_area_of(page):
    if page is None:
        return None
    if page.specific_class is not None and issubclass(page.specific_class, ServiceArea):
        return page
    return Page.objects.ancestor_of(page).type(ServiceArea).first()


def record_page_feedback(path, useful, trying_to_do="", site=None):
    page = page_for_path(path, site)
    return PageFeedback.objects.create(
        page=page,
        path=path[:255],
        site=site,
        service_area=service_area_of(page),
        useful=useful,
        trying_to_do=clean_text(trying_to_do),
    )


def record_service_comment(category, text, service_area=None, reference="", site=None):
    """For the "Comments, compliments and complaints" form: store the category, the service area and the
    redacted text, for the editors' dashboard. No signals: call it after the form is submitted.

    category: "comment", "compliment" or "complaint"; service_area: a page in (or the) service area,
    a page id, or a site-relative path such as "/bins-and-recycling/" (on `site`); None if the resident did not
    say. site: the council it was sent to (a Site), else the service area's; None: the default council.
    """
    if category not in ServiceComment.Category.values:
        raise ValueError(f"Unknown category {category!r}: use one of {', '.join(ServiceComment.Category.values)}")
    if isinstance(service_area, str):
        service_area = page_for_path(service_area, site)
    elif isinstance(service_area, int):
        service_area = Page.objects.filter(pk=service_area).first()
    if site is None and service_area is not None:
        site = site_for_page(service_area)
    return ServiceComment.objects.create(
        category=category,
        site=site,
        service_area=service_area_of(service_area),
        text=clean_text(text),
        reference=str(reference or "")[:40],
    )


def record_chat_answer_feedback(conversation_id, page, helpful):
    """A resident's "Did this answer help?" for `page` (a chat page): a later answer replaces the first."""
    conversation = hashlib.sha256(conversation_id.encode()).hexdigest()
    feedback, _ = ChatAnswerFeedback.objects.update_or_create(
        conversation=conversation,
        chat_key=page.chat_key,
        defaults={
            "page": page,
            "path": site_path(page.url_path)[:255],
            "service_area": service_area_of(page),
            "helpful": helpful,
        },
    )
    return feedback
