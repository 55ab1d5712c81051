"""Signing up for bin-day reminders (double opt-in), sending them the evening before, and stopping them."""
from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casework.notifications import queue_email
from places.bins import next_collections
from sitewide import council_emails

from .models import BinReminder


def council_of(address):
    """The address's council: a Fellside address's emails name Fellside, link to its site and come from it."""
    return council_emails.for_site(address.site)  # no site: the default council's address


def ask_to_confirm(email, address):
    """Keep the (unconfirmed) reminder and send the link that confirms it; nothing is sent before that."""
    reminder, _ = BinReminder.objects.get_or_create(email=email.strip().lower(), address=address)
    if reminder.confirmed_at is None:
        council = council_of(address)
        body = render_to_string("bin_calendar/emails/confirm.txt", {
            "address": address, "url": council.url(reverse("bin_calendar:confirm", args=[reminder.token])),
            **council.context(),
        })
        queue_email(reminder.email, "Confirm your bin day reminders", body, sender=council.sender)
    return reminder


def send_due(now=None):
    """The evening before each collection (from BIN_REMINDER_HOUR, local time), one email to each confirmed
    reminder whose address has a collection tomorrow; never twice for one day. How many were sent."""
    now = timezone.localtime(now or timezone.now())
    if now.hour < settings.BIN_REMINDER_HOUR:
        return 0
    tomorrow = now.date() + timedelta(days=1)
    sent = 0
    reminders = BinReminder.objects.filter(confirmed_at__isnull=False, address__collection_round__isnull=False)
    related = ("address__collection_round", "address__site")
    for reminder in reminders.exclude(last_sent_for=tomorrow).select_related(*related):
        bins = [c for c in next_collections(reminder.address.collection_round, tomorrow) if c.next_date == tomorrow]
        if not bins:
            continue
        council = council_of(reminder.address)
        body = render_to_string("bin_calendar/emails/reminder.txt", {
            "address": reminder.address, "bins": bins, "day": tomorrow,
            "stop_url": council.url(reverse("bin_calendar:stop", args=[reminder.token])), **council.context(),
        })
        subject = f"Bin day tomorrow: {', '.join(c.bin for c in bins)}"
        queue_email(reminder.email, subject, body, sender=council.sender)
        BinReminder.objects.filter(pk=reminder.pk).update(last_sent_for=tomorrow)
        sent += 1
    return sent
