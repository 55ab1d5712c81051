"""Telling a page's subscribers when a change the editor marked "tell subscribers" goes live.

The editor's choice is recorded as a ChangeNotice when the page is submitted to customer-tested publishing
(wagtail_hooks.py). When a revision of the page is published, by the workflow's last approval, in an emergency or
on schedule (all send Wagtail's page_published), the newest notice still waiting that was made for this revision
or an earlier one decides, once: every waiting notice up to it is marked published, so publishing the same
revision again sends nothing.

A page's subscribers hear of changes to it and to the pages below it (a guide's parts, a task's online form).
"""
import unicodedata

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page

from casework.notifications import queue_email
from sitewide import council_emails
from sitewide.pages import page_path

from .models import SUMMARY_MAX_LENGTH, ChangeNotice, PageSubscription
from .signing_up import unsubscribe_url

SUBJECT_MAX_LENGTH = 255  # casework.models.Notification.subject


def clean_summary(text):
    """One plain line: control characters (NUL included) dropped, runs of spaces and new lines made one space.
    Returns (summary, whether it had to be shortened)."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > SUMMARY_MAX_LENGTH:
        return text[: SUMMARY_MAX_LENGTH - 1].rstrip() + "…", True
    return text, False


def subscriptions_for(page):
    """Confirmed subscriptions to the page or to a page above it, one for each address (the nearest page's)."""
    pages = Page.objects.ancestor_of(page, inclusive=True) if page.pk else Page.objects.none()
    found = PageSubscription.objects.filter(page__in=pages, confirmed_at__isnull=False)
    nearest = {}
    for subscription in found.select_related("page").order_by("-page__depth", "pk"):
        nearest.setdefault(subscription.email, subscription)
    return list(nearest.values())


def subscriber_count(page):
    return len(subscriptions_for(page))


def waiting_notice(page):
    """The newest notice not yet published, for the editor's panel to start from."""
    return ChangeNotice.objects.filter(page_id=page.pk, published_at__isnull=True).first() if page.pk else None


def record(page, revision, user, tell, summary):
    return ChangeNotice.objects.create(
        page_id=page.pk, revision=revision, tell_subscribers=tell, summary=summary, created_by=user
    )


def tell_subscribers_on_publish(sender, instance, revision=None, **kwargs):
    """page_published: settle the waiting notices up to this revision, and send the emails if the newest says so."""
    page = instance
    waiting = ChangeNotice.objects.filter(page_id=page.pk, published_at__isnull=True)
    if revision is not None:
        waiting = waiting.filter(Q(revision__isnull=True) | Q(revision_id__lte=revision.pk))
    notice = waiting.first()
    if notice is None:
        return
    now = timezone.now()
    # Claimed by an update of the waiting rows: two publishes at once send once.
    if not ChangeNotice.objects.filter(pk=notice.pk, published_at__isnull=True).update(published_at=now):
        return
    waiting.exclude(pk=notice.pk).update(published_at=now)
    if notice.tell_subscribers:
        sent = email_subscribers(page, notice.summary)
        ChangeNotice.objects.filter(pk=notice.pk).update(emails_sent=sent)


def email_subscribers(page, summary):
    council = council_emails.for_page(page)  # the page's council: its name, its site and its sender
    url = council.url(page_path(page) or "/")
    subscriptions = subscriptions_for(page)
    subject = f"Page updated: {page.title}"[:SUBJECT_MAX_LENGTH]
    for subscription in subscriptions:
        body = render_to_string("subscriptions/emails/page_changed.txt", {
            "title": page.title, "summary": summary, "url": url,
            "subscribed_to": subscription.page.title if subscription.page_id != page.pk else "",
            "unsubscribe_url": unsubscribe_url(subscription, council), **council.context(),
        })
        queue_email(subscription.email, subject, body, sender=council.sender)
    return len(subscriptions)
