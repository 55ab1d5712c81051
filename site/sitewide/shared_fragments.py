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


def is_shared(request, page, site_wide=False):
    """Whether the fragment may be shared: a page's (`page`), or one the same on every page of a site (`site_wide`:
    the footer, whatever the page, its query string or a form's token)."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and (site_wide or (page is not None and not request.GET and not getattr(page, "personal_content", False)))
    )


def shared_fragment(request, page, name, render, site_wide=False):
    """`render()` for this page's fragment `name` (or the site's, `site_wide`), or the copy rendered for anyone since
    the last publish."""
    if not is_shared(request, page, site_wide):
        return render()
    where = "*" if site_wide else request.path
    return kept(f"fragment:{request.get_host()}:{where}:{name}", render)
