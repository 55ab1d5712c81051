"""Emailing service-status subscribers when a disruption starts: once for each disruption (DisruptionAnnouncement),
by the scheduled job in wagtail_hooks.py, so a disruption posted to start tomorrow is announced tomorrow.

A subscriber to a service area hears of a disruption on a page in the area (its tree path starts with the area's)
or on a page above it (the home page: every service); a subscriber to every service hears of every disruption of
their own council (the one whose site they subscribed on), never another council's.
"""
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from service_status.current import current
from wagtail.models import Page

from casework.notifications import queue_email
from sitewide import council_emails
from sitewide.council_staff import sites_or_default
from sitewide.councils import in_council, site_for_page
from sitewide.current_site import current_site
from sitewide.pages import ServiceArea

from .models import DisruptionAnnouncement, ServiceStatusSubscription
from .signing_up import unsubscribe_url


def service_areas(site):
    """The service areas of `site`'s council, to choose from on its site."""
    return Page.objects.type(ServiceArea).live().public().filter(in_council(site)).order_by("title")


def affects_area(disruption_paths, area):
    return any(path.startswith(area.path) or area.path.startswith(path) for path in disruption_paths)


def councils_of(disruption):
    """The ids of the councils whose services are disrupted: those whose trees hold its pages (the default council
    with no page)."""
    pages = list(disruption.pages.all())
    sites = [site_for_page(page) for page in pages] if pages else [current_site()]
    return {site.pk for site in sites if site is not None}


def subscriptions_for(disruption):
    """Confirmed subscriptions whose choice covers the disruption, one for each address."""
    paths = [page.path for page in disruption.pages.all()]
    chosen = {}
    subscriptions = ServiceStatusSubscription.objects.filter(confirmed_at__isnull=False).select_related("area")
    # Every service is every service of the subscription's own council
    subscriptions = subscriptions.filter(Q(area__isnull=False) | sites_or_default(councils_of(disruption)))
    # An address with an area's subscription and an "every service" one gets the area's unsubscribe link.
    for subscription in subscriptions.order_by(F("area_id").asc(nulls_last=True), "pk"):
        if subscription.area_id is None or affects_area(paths, subscription.area):
            chosen.setdefault(subscription.email, subscription)
    return list(chosen.values())


def claim(disruption):
    """True when this runner is the one to announce the disruption (its announcement is written first)."""
    try:
        with transaction.atomic():
            DisruptionAnnouncement.objects.create(disruption=disruption)
    except IntegrityError:
        return False
    return True


def announce_started(now=None):
    """Email the subscribers of every disruption that has started and not ended, once. How many were announced."""
    announced = DisruptionAnnouncement.objects.values("disruption_id")
    started = current(now).exclude(pk__in=announced).prefetch_related("pages").order_by("starts_at", "pk")
    count = 0
    for disruption in started:
        if not claim(disruption):
            continue
        sent = email_subscribers(disruption)
        DisruptionAnnouncement.objects.filter(disruption=disruption).update(emails_sent=sent)
        count += 1
    return count


def council_of(disruption):
    """The council whose services are disrupted: its first page's (the default council's with no page)."""
    page = next(iter(disruption.pages.all()), None)
    return council_emails.for_page(page)


def email_subscribers(disruption):
    subscriptions = subscriptions_for(disruption)
    council = council_of(disruption)
    status_url = council.url(reverse("service_status:list") + f"#disruption-{disruption.pk}")
    for subscription in subscriptions:
        body = render_to_string("subscriptions/emails/disruption.txt", {
            "disruption": disruption, "status_url": status_url, "what": subscription.describe(),
            "unsubscribe_url": unsubscribe_url(subscription, council), **council.context(),
        })
        queue_email(subscription.email, f"Service disruption: {disruption.title}", body, sender=council.sender)
    return len(subscriptions)
