"""Joining the panel (double opt-in: nothing is sent but the confirm link until it is opened) and leaving it.
Residents join the panel of the council whose site they are on (resident_panel.councils)."""

from datetime import timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casework.notifications import queue_email
from sitewide import council_emails
from sitewide.current_site import current_site

from .councils import service_areas
from .models import PanelMember


def leave_url(member, council):
    return council.url(reverse("resident_panel:leave", args=[member.token]))


def ask_to_join(email, first_name, topics, site=None):
    """Keep the (unconfirmed) member of the panel of `site`'s council, where the resident asked (the default
    council's without one), and send the link that confirms it. Someone already confirmed is not changed (anyone
    could type their address): they are told they are on the panel and how to leave. Topics that are not that
    council's service areas are not kept; the emails speak for that council."""
    site = site or current_site()
    council = council_emails.for_site(site)
    email = email.strip().lower()
    topics = list(service_areas(site).filter(pk__in=[topic.pk for topic in topics]))
    with transaction.atomic():
        member, created = PanelMember.objects.get_or_create(
            email=email, site=site, defaults={"first_name": first_name}
        )
        if member.confirmed_at is None:
            member.first_name = first_name
            member.consented_at = timezone.now()
            member.save(update_fields=["first_name", "consented_at"])
            member.topics.set(topics)
    if member.confirmed_at is None:
        body = render_to_string("resident_panel/emails/confirm.txt", {
            "member": member, "topics": topics, "leave_url": leave_url(member, council), **council.context(),
            "url": council.url(reverse("resident_panel:confirm", args=[member.token])),
        })
        queue_email(member.email, "Confirm you want to join our resident testing panel", body, sender=council.sender)
    else:
        body = render_to_string("resident_panel/emails/already_joined.txt", {
            "member": member, "leave_url": leave_url(member, council), **council.context(),
        })
        queue_email(member.email, "You are already on our resident testing panel", body, sender=council.sender)
    return member


def confirm(member):
    if member.confirmed_at is None:
        member.confirmed_at = timezone.now()
        member.save(update_fields=["confirmed_at"])
    return member


UNCONFIRMED_DAYS = 7  # the confirm link's life: then we forget the address


def forget_unconfirmed(now=None):
    """Sign-ups nobody confirmed within UNCONFIRMED_DAYS are deleted: we keep no address that did not say yes.
    How many."""
    cutoff = (now or timezone.now()) - timedelta(days=UNCONFIRMED_DAYS)
    _, deleted = PanelMember.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted.get(PanelMember._meta.label, 0)


def leave(member):
    """Delete the member: their email address, name and topics, and the links we sent them that were not used.
    Answers they gave stay, as they always were: without their name or email."""
    with transaction.atomic():
        member.invitations.filter(response__isnull=True).delete()
        member.delete()
