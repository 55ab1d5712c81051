"""A merged council's hostname keeps answering after `manage.py merge_councils` (mergers): its pages with 301s
(Wagtail's redirects, made by the merger), its request tracking as before, and here the two things a page
redirect cannot reach. An address beneath an old page that has no redirect of its own (a form's step, check or payment
return page) goes where its nearest redirected page went, with the same sub-address when the new page has it.
The assistant's web API answers as the council the services moved to, so a chat open on the
old site keeps getting answers (its messages name the old hostname); and the site search, which finds nothing in
the old council's unpublished tree, sends residents to the same search on the new council's site.
"""
from urllib.parse import urlsplit

from django.http import Http404, HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from .councils import public_url
from .current_site import current_site
from .kept_settings import council_settings

BOT_API = "/api/bot/"
SEARCH = "/search/"


def merged_into(site):
    """The site the council of `site` merged into, or None."""
    council = council_settings(site)[0] if site is not None else None
    if council is None or not council.merged_into_id:
        return None
    return Site.objects.select_related("root_page").filter(pk=council.merged_into_id).first()


class MergedCouncilMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith((BOT_API, SEARCH)):
            new_site = merged_into(current_site(request))
            if new_site is not None:
                if request.path.startswith(SEARCH):
                    return HttpResponsePermanentRedirect(public_url(new_site, request.get_full_path()))
                request._wagtail_site = new_site  # what Wagtail's and our current_site() read
        response = self.get_response(request)
        if response.status_code == 404:
            site = current_site(request)
            new_site = merged_into(site)
            if new_site is not None:
                link = beneath_a_redirect(request, site, new_site)
                if link:
                    return HttpResponsePermanentRedirect(link)
        return response


def beneath_a_redirect(request, site, new_site):
    """Where the old `request.path` goes: its nearest ancestor's redirect, plus the rest of the path when the page
    it leads to answers that (a form's /step/2/ or /payment/return/<token>/), else the page itself. None when no
    ancestor was redirected."""
    parts = [part for part in request.path.split("/") if part]
    ancestors = {Redirect.normalise_path("/" + "/".join(parts[:n]) + "/"): n for n in range(len(parts) - 1, 0, -1)}
    nearest = (Redirect.get_for_site(site).filter(old_path__in=ancestors)
               .order_by("-old_path").select_related("redirect_page").first())
    if nearest is None or not nearest.link:
        return None
    rest = parts[ancestors[nearest.old_path]:]
    target = urlsplit(nearest.link)
    components = [part for part in target.path.split("/") if part] + rest
    try:
        new_site.root_page.specific.route(request, components)
    except Http404:
        return nearest.link
    query = f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
    return nearest.link.rstrip("/") + "/" + "/".join(rest) + "/" + query
