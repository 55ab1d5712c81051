"""Whether the contact centre is open: Monday to Friday, 9am to 5pm, UK time."""
from datetime import time

from django.utils import timezone

OPENS, CLOSES = time(9, 0), time(17, 0)


def is_open(now=None):
    local = timezone.localtime(now or timezone.now())
    return local.weekday() < 5 and OPENS <= local.time() < CLOSES
