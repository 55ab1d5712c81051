"""Whose name, links and sender an email that is not about a request carries.

A request's emails speak for its form's council (casework.notifications). Any other email a resident gets speaks
for the council of the site they were on when they asked for it (an account, a subscription, the resident panel),
or of the page or address it is about (a page's changes, a disruption, a bin reminder): a Fellside resident's
emails say Fellside, link to Fellside's site and come from Fellside's sender.
"""
from dataclasses import dataclass

from django.conf import settings

from .councils import council_for_site, council_name, email_sender, public_url, site_for_page
from .current_site import current_site


@dataclass(frozen=True)
class CouncilEmail:
    site: object  # a wagtail Site, or None when there is none (an empty database)
    council: object  # its CouncilSettings, or None

    @property
    def name(self):
        """The council's full name, for the sign-off: Fellside District Council."""
        return council_name(self.council)

    @property
    def area_name(self):
        """The name residents use for the place, for subjects: your Fellside account."""
        return self.council.area_name if self.council is not None else settings.WAGTAIL_SITE_NAME

    @property
    def sender(self):
        return email_sender(self.council)

    def url(self, path=""):
        return public_url(self.site, path)

    def context(self):
        """What the email templates read."""
        return {"council_name": self.name, "council_area_name": self.area_name}


def for_site(site=None):
    site = site or current_site()  # no site: the default council's
    return CouncilEmail(site, council_for_site(site))


def for_request(request):
    """The council of the site the resident is on (the default site without a request)."""
    return for_site(current_site(request))


def for_page(page):
    return for_site(site_for_page(page))
