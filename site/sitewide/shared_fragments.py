"""The part of a page that is the same for everyone, rendered once per content version and kept beside the page
cache: what a visitor the page cache cannot serve (a resident with a session: signed in, or part-way through a
form) still shares with everyone else.

The same rules as the page cache (page_cache.py) decide what may be shared, under its version (bumped on every
publish) and for as long (PAGE_CACHE_SECONDS), so both show a change at the same moment. A request with a query
string (a postcode lookup, ?feedback=thanks), a draft (a preview, a remote test) and a page whose content is one
resident's (a page type with `personal_content`, such as an online form with its CSRF token) render as usual.
"""
from django.conf import settings

from .page_cache import kept


def is_shared(request, page):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request is not None
        and page is not None
        and request.method in ("GET", "HEAD")
        and not request.GET
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and not getattr(page, "personal_content", False)
    )


def shared_fragment(request, page, name, render):
    """`render()` for this page's fragment `name`, or the copy rendered for anyone since the last publish."""
    if not is_shared(request, page):
        return render()
    return kept(f"fragment:{request.get_host()}:{request.path}:{name}", render)
