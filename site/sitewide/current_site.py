"""The site a request is for: the Wagtail site matching its host, else the default site.

Without a request (a task, a signal, the bot's handover queue) it is the default site. None only when
there is no site at all (an empty database): callers say what they do then.

Wagtail looks the site up once per request with a query that ranks every site by hostname and port (about
0.4 ms in process); `CurrentSiteMiddleware` answers it from the shared cache instead, under the page cache's
version (bumped when a site is saved or deleted) and for as long as a page (PAGE_CACHE_SECONDS; 0: never kept).
"""
from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site

from .page_cache import kept

NO_SITE = "none"
HEALTH_PATH = "/healthz"


def current_site(request=None):
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).select_related("root_page").first()


def remember_site(request):
    """Set the request's site (Wagtail's `request._wagtail_site`) from the shared cache when it is kept there."""
    if settings.PAGE_CACHE_SECONDS <= 0 or hasattr(request, "_wagtail_site") or request.path == HEALTH_PATH:
        return  # the health check reports a cache that is down, so it never needs the cache to answer
    # Wagtail reads the raw host too (no ALLOWED_HOSTS check: CommonMiddleware makes that one later)
    hostname = split_domain_port(request._get_raw_host())[0]

    def find():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific  # kept with it: every page is routed from the home page
        return site or NO_SITE

    site = kept(f"site-for-host:{hostname}:{request.get_port()}", find)
    request._wagtail_site = None if site == NO_SITE else site


class CurrentSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_site(request)
        return self.get_response(request)
