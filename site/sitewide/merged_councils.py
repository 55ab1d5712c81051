"""A merged council's hostname keeps answering after `manage.py merge_councils` (mergers): its pages with 301s
(Wagtail's redirects, made by the merger), its request tracking as before, and here the two things a page
redirect cannot reach. The assistant's web API answers as the council the services moved to, so a chat open on the
old site keeps getting answers (its messages name the old hostname); and the site search, which finds nothing in
the old council's unpublished tree, sends residents to the same search on the new council's site.
"""
from django.http import HttpResponsePermanentRedirect
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
        return self.get_response(request)
