"""Choosing panel members for a remote test and emailing each their personal link, never twice.

We promise members at most INVITATIONS_A_MONTH invitations a month, so someone invited in the last
MIN_DAYS_BETWEEN_INVITATIONS days is left out; those invited least often come first.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casework.notifications import queue_email
from sitewide import council_emails

from .councils import panel_of
from .membership import leave_url
from .models import Invitation, PanelMember

INVITATIONS_A_MONTH = 2  # "at most twice a month", as the join and confirm pages say
MIN_DAYS_BETWEEN_INVITATIONS = 16  # so never 3 in any 31 days


def eligible_members(test, now=None):
    """Confirmed members of the panel of the tested page's council with a topic of the test (any of them if it
    has none), not yet invited to it and not invited to another test recently."""
    now = now or timezone.now()
    members = panel_of(test.page).filter(confirmed_at__isnull=False).exclude(invitations__test=test)
    topic_ids = list(test.topics.values_list("pk", flat=True))
    if topic_ids:
        members = members.filter(pk__in=PanelMember.topics.through.objects.filter(page_id__in=topic_ids).values(
            "panelmember_id"
        ))
    recent = Invitation.objects.filter(sent_at__gte=now - timedelta(days=MIN_DAYS_BETWEEN_INVITATIONS))
    members = members.exclude(pk__in=recent.filter(member__isnull=False).values("member_id"))
    return members.annotate(times_invited=Count("invitations")).order_by("times_invited", "?")


def places_left(test):
    return max(test.max_invitations - test.invitations.count(), 0)


def send_invitations(test, now=None):
    """Invite up to the test's limit, one email each. How many were sent."""
    now = now or timezone.now()
    if not test.is_open(timezone.localdate(now)) or not test.tasks.exists():
        return 0
    sent = 0
    for member in eligible_members(test, now)[: places_left(test)]:
        try:
            with transaction.atomic():  # two editors pressing the button at once: the constraint keeps it to one
                invitation = Invitation.objects.create(test=test, member=member, sent_at=now)
        except IntegrityError:
            continue
        send_invitation_email(invitation)
        sent += 1
    if sent and test.invitations_sent_at is None:
        test.invitations_sent_at = now
        test.save(update_fields=["invitations_sent_at"])
    return sent


def send_invitation_email(invitation):
    """From the council whose page is being tested, with links to its site."""
    test, member = invitation.test, invitation.member
    council = council_emails.for_page(test.page)
    body = render_to_string("resident_panel/emails/invitation.txt", {
        "member": member,
        "test": test,
        "tasks": list(test.tasks.all()),
        "url": council.url(reverse("resident_panel:test", args=[invitation.token])),
        "leave_url": leave_url(member, council),
        **council.context(),
    })
    subject = "Can you help us test a page? (about 10 minutes)"
    return queue_email(member.email, subject, body, sender=council.sender)
