"""Emails to a page's owners when its review date is near: the editor who owns the page and its service area's
owners each get one email listing their pages (one for each council whose pages they look after, from that
council), and a page is never reminded twice for one review date."""

from collections import defaultdict
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casework.notifications import queue_email
from sitewide import council_emails

from .emergency import service_owner_emails
from .models import GovernanceSettings, ReviewReminder
from .retesting import format_day, governed_page_statuses


def due_for_a_reminder(today):
    """Live governed pages whose review date is within the reminder period (or past), not yet reminded of it."""
    within = today + timedelta(days=GovernanceSettings.load().review_reminder_days)
    statuses = [s for s in governed_page_statuses(today) if s.review_date and s.review_date <= within]
    reminded = set(
        ReviewReminder.objects.filter(page_id__in=[s.page.pk for s in statuses]).values_list("page_id", "review_date")
    )
    return [s for s in statuses if (s.page.pk, s.review_date) not in reminded]


def owner_emails(page):
    """The editor who owns the page (Wagtail's page owner) and the owners of its service area."""
    owner = page.owner
    emails = set(service_owner_emails(page))
    if owner is not None and owner.is_active and owner.email:
        emails.add(owner.email)
    return sorted(emails)


def send_review_reminders(now=None):
    """The daily job: one email to each owner, listing their pages. Returns a line saying what was sent."""
    today = timezone.localdate(now or timezone.now())
    pages_for = defaultdict(list)
    for status in due_for_a_reminder(today):
        recipients = owner_emails(status.page)
        try:
            with transaction.atomic():  # claimed first, so two runners at once remind once
                ReviewReminder.objects.create(
                    page=status.page, review_date=status.review_date, sent_to="\n".join(recipients)
                )
        except IntegrityError:
            continue
        council = council_emails.for_page(status.page)
        for email in recipients:
            pages_for[email, council].append(status)
    for (email, council), statuses in pages_for.items():
        body = render_to_string("governance/emails/review_reminder.txt", {
            "pages": [
                {
                    "title": status.title,
                    "review_date": format_day(status.review_date),
                    "overdue": status.review_date < today,
                    "url": council.url(reverse("governance:page", args=[status.page.pk])),
                }
                for status in statuses
            ],
            **council.context(),
        })
        many = len(statuses) > 1
        subject = f"{len(statuses)} pages due for review" if many else f"Due for review: {statuses[0].title}"
        queue_email(email, subject, body, sender=council.sender)
    people = {email for email, _ in pages_for}
    return f"{sum(len(s) for s in pages_for.values())} reminders to {len(people)} people"
