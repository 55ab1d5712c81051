"""When a council's contact centre is open: its own days and times (Settings > Council settings, "Live chat
hours"), each left empty falling back to the installation's CONTACT_CENTRE_DAYS, _OPENS and _CLOSES (Monday to
Friday, 9am to 5pm unless set), so a council that sets none keeps the installation's hours as they were."""
from dataclasses import dataclass
from datetime import time

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Hours:
    days: tuple  # day numbers, Monday 0
    opens: time
    closes: time

    def are_open_at(self, moment):
        local = timezone.localtime(moment)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes


def installation_hours():
    return Hours(
        days=tuple(settings.CONTACT_CENTRE_DAYS),
        opens=time.fromisoformat(settings.CONTACT_CENTRE_OPENS),
        closes=time.fromisoformat(settings.CONTACT_CENTRE_CLOSES),
    )


def hours_of(council):
    """The hours of `council` (CouncilSettings; None: the installation's)."""
    default = installation_hours()
    if council is None:
        return default
    return Hours(
        days=tuple(council.contact_centre_days or ()) or default.days,
        opens=default.opens if council.contact_centre_opens is None else council.contact_centre_opens,
        closes=default.closes if council.contact_centre_closes is None else council.contact_centre_closes,
    )
