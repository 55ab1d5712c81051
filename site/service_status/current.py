"""Which disruptions are on now, and which affect a page, some pages or a postcode."""
from django.utils import timezone

from .models import Disruption


def current(now=None):
    now = now or timezone.now()
    return Disruption.objects.filter(starts_at__lte=now, ends_at__gt=now)


def affecting(page, now=None):
    """The current disruptions on the page or on a page above it (its service area)."""
    if page is None:
        return []
    ancestors = page.get_ancestors(inclusive=True).values_list("pk", flat=True)
    return list(current(now).filter(pages__in=ancestors).distinct())


def affecting_any(pages, now=None):
    """The current disruptions on any of these pages (a page of search results), each once."""
    found = {}
    for page in pages:
        for disruption in affecting(page, now):
            found.setdefault(disruption.pk, disruption)
    return sorted(found.values(), key=lambda disruption: disruption.starts_at, reverse=True)


def as_update(disruption):
    """A disruption as the assistant's web API gives it."""
    return {"title": disruption.title, "details": disruption.details, "ends": disruption.ends_at.isoformat()}
