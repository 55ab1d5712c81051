"""The page shown when the site itself fails: Django's 500 and nginx's 502/503/504 (the web processes down).

Neither can ask the database for the council's phone number, so the release writes the page once from the
council's contact details (`manage.py write_error_page`, run by deploy/entrypoints/release.sh and make demo)
into the static files, where nginx and the 500 handler both read it. Without a written page the 500 handler
asks the database once, and leaves the phone out when that fails too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.http import HttpResponseServerError
from django.template.loader import render_to_string
from wagtail.models import Site

from .current_site import current_site
from .models import CouncilSettings

logger = logging.getLogger(__name__)

TEMPLATE = "sitewide/error_page.html"
# Under STATIC_ROOT: nginx serves it as /static/errors/500.html.
RELATIVE_PATH = Path("errors") / "500.html"


def written_path() -> Path | None:
    """Where the release writes the page; None without STATIC_ROOT (make run and tests serve static files from
    the finders: there the 500 handler renders the page when it is needed)."""
    return Path(settings.STATIC_ROOT) / RELATIVE_PATH if settings.STATIC_ROOT else None


def contact_details(site: Site | None = None) -> CouncilSettings | None:
    site = site or current_site()
    return CouncilSettings.for_site(site) if site else None


def render(contact: CouncilSettings | None) -> str:
    return render_to_string(TEMPLATE, {
        "council_name": contact.name if contact else "",
        "phone": contact.phone if contact else "",
        "opening_hours": contact.opening_hours if contact else "",
    })


def write(site: Site | None = None) -> Path | None:
    """Write the page from the council's contact details; returns where (None: no STATIC_ROOT to write to)."""
    path = written_path()
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(contact_details(site)), encoding="utf-8")
    return path


def server_error(request):
    """handler500: the written page, else one rendered now (without the phone if the database is down too)."""
    path = written_path()
    if path is not None:
        try:
            return HttpResponseServerError(path.read_text(encoding="utf-8"))
        except OSError:
            pass
    try:
        contact = contact_details()
    except Exception:  # the database may be what failed
        logger.warning("The error page could not read the council's contact details", exc_info=True)
        contact = None
    return HttpResponseServerError(render(contact))
