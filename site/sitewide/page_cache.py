"""Whole-page cache for anonymous visitors, cleared whenever anything they see is published.

Public pages are the same for every resident, so a rendered page is kept for PAGE_CACHE_SECONDS.
A version number in the cache keys is bumped on publish, unpublish, move, delete and on changes
to the site settings, so residents never see an old page for long; the timeout bounds the rest
(an alert banner passing its end time). Responses that set a cookie, such as a form with a CSRF
token, are never cached. Use a shared cache (REDIS_URL) when more than one process serves the site.

What this cache keeps, nginx may keep too, for PROXY_PAGE_CACHE_SECONDS (1: a micro-cache): such responses carry
`X-Accel-Expires`, which nginx reads (and does not pass on), and nginx caches nothing without it
(deploy/nginx/site.conf.template). So a publish shows through nginx within that second.
"""
import pickle
import secrets
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers

from .read_once import ReadOncePerRequest

VERSION_KEY = "page-cache:version"
# The query parameters public pages read when rendering, and the values that change the page. Any other
# parameter (`?nocache=<random>`, tracking tags, `?ask=` which only the chat widget's script reads)
# gets the same cached page, so a random query string cannot force a fresh render on every request.
# A page that starts reading a new parameter must add it here; an app may give a function that returns the values
# (campaigns.apps: the campaign links' names).
PAGE_QUERY_PARAMETERS = {"feedback": {"thanks", "choose"}}  # feedback/page_feedback.html
# Parameters that make a page one resident's answer (cms_pages/lookups.py: a postcode, an address): such a
# request is neither answered from the cache nor stored in it, so no answer leaks to another postcode and
# made-up postcodes cannot fill the cache.
LOOKUP_QUERY_PARAMETERS = ("postcode", "uprn")
SKIP_PREFIXES = (
    "/healthz", "/admin/", "/django-admin/", "/api/", "/search/", "/documents/", "/static/", "/media/",
    "/testing/",  # a resident's own link to a draft (resident_panel)
)


def read_version():
    return cache.get_or_set(VERSION_KEY, first_version, None)


# A page reads the version for the site, the settings, each shared fragment and the disruptions: once per request
# (PageCacheMiddleware opens and closes it), not one round trip to Redis each.
request_version = ReadOncePerRequest("page_cache_version", read_version)


def current_version():
    return request_version.get()


def first_version():
    """A new cache starts at a random version, not 1: after the shared cache is emptied (a restart of Redis) no
    version comes back, so nothing a process kept of an earlier one (kept) is taken for the new one's."""
    return secrets.randbelow(2**40) + 1


def clear_page_cache(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, first_version(), None)
    request_version.forget()  # this request published: what it reads next is under the new version


# What is kept under a version never changes while the version lasts, so each process also keeps its own copy of what
# it read for LOCAL_SECONDS: a page then asks the shared cache for the version alone, not once for each of its parts
# (the site, the settings, the chrome, each fragment). A publish is a new version, so a copy is never older than the
# shared one; what ends by time alone (an alert banner's end) shows at most LOCAL_SECONDS later.
LOCAL_SECONDS = 10
LOCAL_ENTRIES = 500
_local = {}
_local_lock = threading.Lock()
# Kept as they are; anything else is kept pickled, so no two requests share one object (they may change it)
IMMUTABLE = (str, bytes, int, float, bool)


def kept(name, build):
    """`build()`, kept under the page cache's version (so any publish or settings change replaces it) for as long
    as a page (PAGE_CACHE_SECONDS; 0: built every time). A None is never kept. The key is made once: what was built
    under one version is never stored under the next (outside a request the version is read each time)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return build()
    key = _kept_key(name)
    value = _read(key)
    if value is None:
        value = build()
        _write(key, value)
    return value


def peek_kept(name):
    """What is kept as `name` under the current version, or None."""
    return _read(_kept_key(name)) if settings.PAGE_CACHE_SECONDS > 0 else None


def keep(name, value):
    if settings.PAGE_CACHE_SECONDS > 0:
        _write(_kept_key(name), value)


def _kept_key(name):
    return f"kept:{current_version()}:{name}"


def _read(key):
    value = _local_copy(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _keep_locally(key, value)
    return value


def _write(key, value):
    if value is None:
        return
    cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    _keep_locally(key, value)


def _local_copy(key):
    found = _local.get(key)
    if found is None or found[0] < time.monotonic():
        return None
    return pickle.loads(found[1]) if found[2] else found[1]


def _keep_locally(key, value):
    pickled = not isinstance(value, IMMUTABLE)
    entry = (time.monotonic() + min(LOCAL_SECONDS, settings.PAGE_CACHE_SECONDS), pickle.dumps(value) if pickled
             else value, pickled)
    with _local_lock:
        if len(_local) >= LOCAL_ENTRIES:
            now = time.monotonic()
            for old in [old for old, (expires, *_) in _local.items() if expires < now]:
                del _local[old]
            if len(_local) >= LOCAL_ENTRIES:
                _local.clear()
        _local[key] = entry


def cache_key(request):
    used = sorted(
        (name, value)
        for name, values in PAGE_QUERY_PARAMETERS.items()
        for value in request.GET.getlist(name)[:1]
        if value in (values() if callable(values) else values)
    )
    query = f"?{urlencode(used)}" if used else ""
    return f"page-cache:{current_version()}:{request.get_host()}:{request.path}{query}"


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_dummy", False)  # Wagtail's preview of a draft: never the live page
        and not request.path.startswith(SKIP_PREFIXES)
        and not any(name in request.GET for name in LOOKUP_QUERY_PARAMETERS)
    )


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
        and response.get("Content-Type", "").startswith("text/html")
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_version.open()
        try:
            return self.respond(request)
        finally:
            request_version.close(token)

    def respond(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if is_cacheable_response(response):
            patch_vary_headers(response, ["Cookie"])
            if settings.PROXY_PAGE_CACHE_SECONDS > 0:
                response["X-Accel-Expires"] = str(settings.PROXY_PAGE_CACHE_SECONDS)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
