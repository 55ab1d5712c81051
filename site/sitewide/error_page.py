"""The page shown when the site fails: Django's 500 and nginx's 502/503/504 (the web processes down).

Neither can ask the database for the council's phone number, so the release writes one page per council from its
contact details (`manage.py write_error_page`, run by deploy/entrypoints/release.sh and make demo) into the static
files, where nginx and the 500 handler both read it: `errors/500-<hostname>.html` for each council's site, and
`errors/500.html` for the default site, which also answers any host no council claims. Without a written page the
500 handler asks the database once, and leaves the phone out when that fails too.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from django.conf import settings
from django.http import HttpResponseServerError
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from wagtail.models import Site

from .current_site import current_site
from .models import CouncilSettings

logger = logging.getLogger(__name__)

TEMPLATE = "sitewide/error_page.html"
# Under STATIC_ROOT: nginx serves them for /static/errors/500.html, choosing by $host (deploy/nginx).
FOLDER = "errors"
DEFAULT_NAME = "500.html"
# A hostname as nginx's $host gives it (lower case, no port): never a path.
HOSTNAME = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$")
INLINE_STYLE = re.compile(r"<style>([^<]*)</style>")


def folder() -> Path | None:
    """Where the release writes the pages; None without STATIC_ROOT (make run and tests serve static files from
    the finders: there the 500 handler renders the page when it is needed)."""
    return Path(settings.STATIC_ROOT) / FOLDER if settings.STATIC_ROOT else None


def page_name(hostname: str | None) -> str:
    """The file for a host: its own council's, or the default one (the default site's, or a host no site has)."""
    hostname = (hostname or "").lower()
    return f"500-{hostname}.html" if HOSTNAME.match(hostname) else DEFAULT_NAME


def name_for_site(site: Site) -> str | None:
    """The default site's page is the default one; another site's is its hostname's (None: a hostname that
    cannot be a file's name, which must not overwrite the default page)."""
    if site.is_default_site:
        return DEFAULT_NAME
    name = page_name(site.hostname)
    return name if name != DEFAULT_NAME else None


def written_path(hostname: str | None = None) -> Path | None:
    """The written page for `hostname`, else the default one; None when neither is written."""
    where = folder()
    if where is None:
        return None
    for name in dict.fromkeys((page_name(hostname), DEFAULT_NAME)):
        if (where / name).is_file():
            return where / name
    return None


def contact_details(site: Site | None = None) -> CouncilSettings | None:
    site = site or current_site()
    return CouncilSettings.for_site(site) if site else None


def render(contact: CouncilSettings | None) -> str:
    return render_to_string(TEMPLATE, {
        "council_name": contact.name if contact else "",
        "logo_text": contact.logo_text if contact else "",
        "phone": contact.phone if contact else "",
        "opening_hours": contact.opening_hours if contact else "",
        # Built from the palette's own colours, never from an editor's text.
        "style": f"header{{background:{contact.brand_hex};color:#fff;padding:1rem}}" if contact else "",
    })


def write(site: Site) -> Path | None:
    """Write `site`'s council's page; returns where (None: no STATIC_ROOT to write to, or no name for it)."""
    where, name = folder(), name_for_site(site)
    if where is None or name is None:
        return None
    where.mkdir(parents=True, exist_ok=True)
    path = where / name
    path.write_text(render(contact_details(site)), encoding="utf-8")
    return path


def write_all() -> list[Path]:
    """One page per council, the default site's as the default page; a removed council's page goes, so nginx
    does not keep showing its phone number on a host that is now someone else's."""
    sites = list(Site.objects.order_by("-is_default_site", "hostname"))
    if not sites:  # an empty database: the default page still says what to do
        sites = [Site(hostname="", is_default_site=True)]
    written = [path for path in (write(site) for site in sites) if path is not None]
    if written:
        for stale in set(folder().glob("500-*.html")) - set(written):
            stale.unlink()
    return written


def request_hostname(request) -> str | None:
    try:
        return split_domain_port(request.get_host())[0]
    except Exception:  # a host not in ALLOWED_HOSTS: the default page
        return None


def allow_inline_style(response):
    """The page's one <style> (its header's brand colour) is allowed by its hash: public pages' policy has no
    inline styles (sitewide/security_headers.py)."""
    match = INLINE_STYLE.search(response.content.decode("utf-8", "replace"))
    if match:
        digest = base64.b64encode(hashlib.sha256(match[1].encode()).digest()).decode()
        response._csp_update = {"style-src": [f"'sha256-{digest}'"]}
    return response


def server_error(request):
    """handler500: the written page for the request's host, else one rendered now (without the phone if the
    database is down too)."""
    path = written_path(request_hostname(request))
    if path is not None:
        try:
            return allow_inline_style(HttpResponseServerError(path.read_text(encoding="utf-8")))
        except OSError:
            pass
    try:
        contact = contact_details(current_site(request))
    except Exception:  # the database may be what failed
        logger.warning("The error page could not read the council's contact details", exc_info=True)
        contact = None
    return allow_inline_style(HttpResponseServerError(render(contact)))
