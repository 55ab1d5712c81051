"""Whether a council's contact centre is open, so a chat handed over waits for a person (sitewide.contact_centre_hours:
the council's own days and times, else the installation's CONTACT_CENTRE_* settings)."""
from django.utils import timezone

from sitewide.contact_centre_hours import hours_of
from sitewide.kept_settings import council_settings


def is_open(now=None, site=None):
    """Whether the contact centre of `site`'s council (a Site; None: the installation's hours) is open."""
    return council_is_open(council_settings(site)[0] if site is not None else None, now)


def council_is_open(council, now=None):
    """Whether the contact centre of `council` (CouncilSettings; None: the installation's hours) is open."""
    return hours_of(council).are_open_at(now or timezone.now())
