"""The council's contact details and alert banner for a site, kept like a page: saving either bumps the page
cache's version, so a change shows at once, and a request the page cache cannot serve (a resident with a session,
the assistant's calls) reads neither from the database. PAGE_CACHE_SECONDS 0 keeps nothing."""
from django.conf import settings
from django.core.cache import cache

from .models import AlertBanner, CouncilSettings
from .page_cache import current_version


def council_settings(site):
    """(CouncilSettings, AlertBanner) of the site."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return CouncilSettings.for_site(site), AlertBanner.for_site(site)
    key = f"council-settings:{current_version()}:{site.pk}"
    kept = cache.get(key)
    if kept is None:
        kept = (CouncilSettings.for_site(site), AlertBanner.for_site(site))
        cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
    return kept
