from .current_site import current_site
from .kept_settings import council_settings


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
