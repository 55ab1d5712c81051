"""Pages found by what they are, never by a typed address: an editor may move or rename any page.

The assistant's web API links to them (cms_pages/api.py), and so do the assistant's knowledge of its own forms
(cms_pages/knowledge.py) and its training data (the contact and bin day pages, through the
`assistant_linked_pages` hook in wagtail_hooks.py). Each finder looks only under the given site's home page
and returns None when no live, public page fits (or there is no site at all): callers then answer as the API
does for any page that is not there (a link of None, like an answer's `start_url`).
"""

from cms_pages.lookups import TOOLS
from cms_pages.models import ContactPage, TaskPage


def site_pages(model, site):
    if site is None:
        return model.objects.none()
    return model.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")


def tool_of(page):
    """The tool ("bins", "councillors") the task page's body holds, from its stored blocks' types alone
    (no block is built, nothing else is read)."""
    return next((TOOLS[item["type"]] for item in page.body.raw_data if item.get("type") in TOOLS), None)


def tool_page(site, tool):
    """The first task page, in tree order, holding the tool: "bins" (the bin day lookup) or "councillors"
    (the councillor finder)."""
    return next((page for page in site_pages(TaskPage, site) if tool_of(page) == tool), None)


def contact_page(site):
    """The contact page (there is at most one)."""
    return site_pages(ContactPage, site).first()


def url_of(page, request=None):
    """The page's URL as every page in the bot API gives it (page.get_url), or None without a page."""
    return page.get_url(request) if page is not None else None
