"""Which disruptions are on now, and which affect a page, some pages or a postcode."""
from django.utils import timezone

from .models import Disruption


def current(now=None):
    now = now or timezone.now()
    return Disruption.objects.filter(starts_at__lte=now, ends_at__gt=now)


def affecting(page, now=None):
    """The current disruptions on the page or on a page above it (its service area)."""
    return affecting_any([page], now) if page is not None else []


def affecting_any(pages, now=None):
    """The current disruptions on any of these pages or the pages above them (a page of search results), each once,
    newest first: one query, the pages above read from the tree paths (Wagtail's materialised path)."""
    paths = {page.path[:end] for page in pages for end in range(page.steplen, len(page.path) + 1, page.steplen)}
    if not paths:
        return []
    return list(current(now).filter(pages__path__in=paths).distinct().order_by("-starts_at"))


def as_update(disruption):
    """A disruption as the assistant's web API gives it."""
    return {"title": disruption.title, "details": disruption.details, "ends": disruption.ends_at.isoformat()}
