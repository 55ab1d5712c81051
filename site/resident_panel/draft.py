"""The tested revision of a page as the public would see it, with a banner that says it is a draft for testing.

Wagtail's preview renders it (revision.as_object(), then make_preview_request): the page runs through the site's
middleware on a request marked `is_dummy`, which the page cache neither answers nor stores (sitewide.page_cache),
so a resident sees the draft, never the cached live page, and the draft never reaches the cache. Only the HTML is
kept: this view's own response gets the public security headers, noindex and no-store.
"""

import re

from django.http import HttpResponse
from django.template.loader import render_to_string

HEAD_TAG = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
MAIN_TAG = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
NOINDEX = '<meta name="robots" content="noindex">'


def insert_after(pattern, html, addition):
    match = pattern.search(html)
    if match is None:
        return None
    return html[: match.end()] + addition + html[match.end():]


def with_banner(html, banner):
    html = insert_after(HEAD_TAG, html, NOINDEX) or NOINDEX + html
    return insert_after(MAIN_TAG, html, banner) or insert_after(BODY_TAG, html, banner) or banner + html


def render_draft(request, revision, context):
    """The revision's page, as HTML with the testing banner (rendered from context), or None if it cannot be
    shown (its page type has no preview)."""
    page = revision.as_object()
    if not page.is_previewable():
        return None
    preview = page.make_preview_request(request, page.default_preview_mode)
    if preview.status_code != 200 or preview.get("Content-Encoding"):
        return None
    charset = preview.charset or "utf-8"
    html = preview.content.decode(charset, "replace")
    banner = render_to_string("resident_panel/_draft_banner.html", context, request=request)
    return HttpResponse(with_banner(html, banner), content_type=f"text/html; charset={charset}")
