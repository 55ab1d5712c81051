"""Which disruptions are on now, and which affect a page, some pages or a postcode."""
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from sitewide.councils import in_council
from sitewide.page_cache import kept

from .models import Disruption


def current(now=None):
    now = now or timezone.now()
    return Disruption.objects.filter(starts_at__lte=now, ends_at__gt=now)


def current_in(site, now=None):
    """The current disruptions of `site`'s council: a disruption is on its pages, and so in their council's tree
    (it needs no council of its own)."""
    return current(now).filter(in_council(site, "pages__path")).distinct()


def affecting(page, now=None):
    """The current disruptions on the page or on a page above it (its service area)."""
    return affecting_any([page], now) if page is not None else []


def affecting_any(pages, now=None):
    """The current disruptions on any of these pages or the pages above them (a page of search results), each once,
    newest first."""
    return affecting_paths([page.path for page in pages], now)


def affecting_paths(page_paths, now=None):
    """The same for pages given by their tree paths: the pages above are read from them (Wagtail's materialised
    path)."""
    step = Page.steplen
    paths = {path[:end] for path in page_paths for end in range(step, len(path) + 1, step)}
    if not paths:
        return []
    if now is None and settings.PAGE_CACHE_SECONDS > 0:
        now = timezone.now()
        return [disruption for disruption, on in not_ended() if on & paths and disruption.starts_at <= now]
    return list(current(now).filter(pages__path__in=paths).distinct().order_by("-starts_at"))


def not_ended():
    """[(disruption, the paths of its pages)] for every disruption not over yet, newest first. Kept like a page:
    saving a disruption or its pages bumps the page cache's version; its times are read when it is used."""
    now = timezone.now()
    return [(disruption, on) for disruption, on in kept("disruptions-not-ended", lambda: load(now))
            if disruption.ends_at > now]


def load(now):
    disruptions = list(Disruption.objects.filter(ends_at__gt=now).order_by("-starts_at"))
    paths = {}
    links = Disruption.pages.through.objects.filter(disruption__in=disruptions)
    for disruption_id, path in links.values_list("disruption_id", "page__path"):
        paths.setdefault(disruption_id, set()).add(path)
    return [(disruption, frozenset(paths.get(disruption.pk, ()))) for disruption in disruptions]


def as_update(disruption):
    """A disruption as the assistant's web API gives it."""
    return {"title": disruption.title, "details": disruption.details, "ends": disruption.ends_at.isoformat()}
