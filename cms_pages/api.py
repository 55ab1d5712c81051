"""The bot's API for everything that reads or links to a page: page answers by their stable chat key, the council's
details with its contact page, and bin days and councillors with the page of their lookup.

These views live here rather than in `assistant` because they read page content, and `assistant` sits below
`cms_pages` (it must not import it); they reuse the assistant's token check, council details and address answers,
which is an import pointing down. Every page they link to is found by what it is (cms_pages/page_links.py), never
by a typed address, so a page an editor moves is linked at its new address at once. cms_pages/urls.py wires them
in (included by site/customer_connect/urls.py).
"""

import hashlib

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from service_status.current import affecting, affecting_paths, as_update

from assistant import bin_days
from assistant import councillors as ward_councillors
from assistant.bot_api import answer_for_postcode, bot_only, council_details, council_for, phones
from assistant.chat_pages import chat_page_for_key, chat_pages
from cms_pages.page_links import contact_page, tool_page, url_of
from cms_pages.serializers import chat_answer, chat_summary
from places.lookups import example_postcode
from sitewide.current_site import current_site
from sitewide.page_cache import kept


@bot_only
@require_GET
def answer(request):
    """GET /api/bot/answer/?key=report_missed_bin: the chat answer of the page with that key."""
    site, council = council_for(request)
    key = request.GET.get("key", "").strip()
    kept = kept_answer(site, key, request) if key else None
    if kept is None:
        return JsonResponse({"error": "not_found", "key": key}, status=404)
    data, path = kept
    updates = [as_update(disruption) for disruption in affecting_paths([path])]  # on now, read now
    return JsonResponse({**data, "service_updates": updates, "phones": phones(council)})


def kept_answer(site, key, request):
    """(the page's chat answer without its service updates, the page's tree path), or None for no such page. Kept
    like a page (until the next publish): the assistant asks for it on most turns."""

    def build():
        page = chat_page_for_key(key, site)
        if page is None:
            return None
        data = chat_answer(page, request)
        del data["service_updates"]
        return data, page.path

    return kept(f"bot-answer:{site.pk}:{hashlib.sha1(key.encode()).hexdigest()}", build)


@bot_only
@require_GET
def pages(request):
    """GET /api/bot/pages/: every page the assistant answers (the action server keeps a copy for outages)."""
    site, _ = council_for(request)
    return JsonResponse({"pages": [chat_summary(page, request) for page in chat_pages(site)]})


@bot_only
@require_GET
def council(request):
    """GET /api/bot/council/: name, phones, address, hours, open now, an example postcode, and the contact and bin
    day pages' URLs (None without one)."""
    site, council = council_for(request)
    details = council_details(council, contact_url=url_of(contact_page(site), request))
    return JsonResponse({
        **details,
        "example_postcode": example_postcode(site),  # for the assistant's prompts
        "bin_day_url": url_of(tool_page(site, "bins"), request),  # None: the council has no bin day page
    })


@bot_only
@require_GET
def bin_day(request):
    """?postcode=: the postcode's collections (per round when its addresses differ); ?uprn=: one address's.
    "url" and "lookup_url" link the page with the bin day lookup; None when there is no such page (or no site:
    the collections come from the address list, not from a page, so they are answered all the same)."""
    site = current_site(request)
    tool = tool_page(site, "bins")
    url = url_of(tool, request)
    if request.GET.get("uprn"):
        data = bin_days.collections_for_address(request.GET["uprn"], url=url, site=site)
        if data is None:
            message = "There is no address with that UPRN."
            return JsonResponse({"error": "no_address", "message": message, "url": url}, status=404)
        return JsonResponse(data)
    return answer_for_postcode(
        lambda postcode: with_service_updates(bin_days.collections_for(postcode, url=url, site=site), tool),
        request.GET.get("postcode", ""), url, site,
    )


def with_service_updates(collections, tool):
    """A postcode's collections, with the disruptions on the bin day page's service that are at that postcode."""
    postcode = collections["postcode"]
    updates = [as_update(d) for d in affecting(tool) if d.covers_postcode(postcode)]
    return {**collections, "service_updates": updates}


@bot_only
@require_GET
def councillors(request):
    """?postcode=: the ward (or, on a boundary, the wards) and their councillors, linking the councillor finder
    page (None when there is none)."""
    site = current_site(request)
    url = url_of(tool_page(site, "councillors"), request)
    return answer_for_postcode(
        lambda postcode: ward_councillors.wards_for(postcode, url=url, site=site), request.GET.get("postcode", ""),
        url, site,
    )
