"""What a ward councillor sees: the requests sent to their council from their ward's postcodes (never another
ward's, nor another council's), their own enquiries, and the weekly digest of their ward's new and overdue
requests."""
from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from casework.models import Status, Submission
from casework.notifications import queue_email
from places.models import Councillor, ward_postcodes
from sitewide import council_emails
from sitewide.councils import in_council
from sitewide.current_site import current_site

OPEN = [Status.RECEIVED, Status.IN_PROGRESS, Status.WAITING]
DIGEST_DAYS = 7
WARD_PATH = "/admin/your-ward/"  # the councillor's pages (wagtail_hooks), on their council's host


def councillor_of(user):
    """The councillor record a signed-in user is, or None."""
    if not user.is_authenticated:
        return None
    return Councillor.objects.filter(user=user).select_related("ward__site__root_page").first()


def council_of(councillor):
    """The council of the councillor's ward: its emails to them name it, link to its site and come from it."""
    return council_emails.for_site(councillor.ward.site)  # no site: the default council's ward


def ward_requests(councillor):
    """A resident may send a form on another council's site with their own postcode: that request is the other
    council's, not their ward's."""
    site = councillor.ward.site or current_site()  # no site: the default council's ward
    requests = Submission.objects.filter(in_council(site, "page__path"), postcode__in=ward_postcodes(councillor.ward))
    return requests.order_by("-submit_time")


def digest_of(councillor, now):
    """The ward's requests sent in the last week, and those still open past their service standard: each once."""
    requests = ward_requests(councillor)
    new = list(requests.filter(submit_time__gte=now - timedelta(days=DIGEST_DAYS)))
    overdue = [r for r in requests.filter(status__in=OPEN, due_by__lt=timezone.localdate(now)) if r not in new]
    return new, overdue


def send_digests(now):
    """The weekly digest to each councillor who signs in, when their ward has something to say."""
    sent = 0
    for councillor in Councillor.objects.filter(user__isnull=False).select_related("ward__site", "user"):
        new, overdue = digest_of(councillor, now)
        address = councillor.user.email or councillor.email
        if not (new or overdue) or not address:
            continue
        council = council_of(councillor)
        body = render_to_string("councillors/emails/digest.txt", {
            "councillor": councillor, "new": new, "overdue": overdue, "ward_url": council.url(WARD_PATH),
            "today": timezone.localdate(now), **council.context(),
        })
        subject = f"{councillor.ward.name}: {len(new)} new, {len(overdue)} overdue requests"
        queue_email(address, subject, body, sender=council.sender)
        sent += 1
    return f"Sent {sent} ward digest(s)."
