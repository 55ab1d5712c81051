"""Whether the contact centre is open (CONTACT_CENTRE_* settings; Monday to Friday, 9am to 5pm by default)."""
from datetime import time

from django.conf import settings
from django.utils import timezone


def is_open(now=None):
    local = timezone.localtime(now or timezone.now())
    opens = time.fromisoformat(settings.CONTACT_CENTRE_OPENS)
    closes = time.fromisoformat(settings.CONTACT_CENTRE_CLOSES)
    return local.weekday() in settings.CONTACT_CENTRE_DAYS and opens <= local.time() < closes
