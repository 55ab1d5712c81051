"""The council's contact details and alert banner for a site, kept like a page: saving either bumps the page
cache's version, so a change shows at once, and a request the page cache cannot serve (a resident with a session,
the assistant's calls) reads neither from the database."""
from .models import AlertBanner, CouncilSettings
from .page_cache import kept


def council_settings(site):
    """(CouncilSettings, AlertBanner) of the site."""
    return kept(f"council-settings:{site.pk}", lambda: (CouncilSettings.for_site(site), AlertBanner.for_site(site)))
