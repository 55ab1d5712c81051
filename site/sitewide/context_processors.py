from django.conf import settings
from django.core.cache import cache

from .current_site import current_site
from .models import AlertBanner, CouncilSettings
from .page_cache import current_version


def council_settings(site):
    """(contact details, alert banner) for the site: kept like a page (saving either bumps the page cache's
    version), so a page the page cache cannot serve reads neither from the database."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return CouncilSettings.for_site(site), AlertBanner.for_site(site)
    key = f"council-settings:{current_version()}:{site.pk}"
    kept = cache.get(key)
    if kept is None:
        kept = (CouncilSettings.for_site(site), AlertBanner.for_site(site))
        cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
    return kept


def sitewide(request):
    """The council's contact details and the live alert banner, for every template."""
    site = current_site(request)
    if site is None:
        return {}
    council, alert = council_settings(site)
    return {
        "council": council,
        "alert_banner": alert if alert.is_showing() else None,  # its start and end times are read now
    }
