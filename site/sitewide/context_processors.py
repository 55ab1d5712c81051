from .current_site import current_site
from .models import AlertBanner, CouncilSettings


def sitewide(request):
    """The council's contact details and the live alert banner, for every template."""
    site = current_site(request)
    if site is None:
        return {}
    alert = AlertBanner.for_site(site)
    return {
        "council": CouncilSettings.for_site(site),
        "alert_banner": alert if alert.is_showing() else None,
    }
