"""The one way round customer testing: an emergency publish, with a reason, traced and reported.

Only people with governance.publish_in_emergency may use it (the "Emergency publishers" group, and another
council's "<Short name> emergency publishers": the permission decides, never a group's name), on the pages their
group may edit (its page permissions are on its own council's home page), and only with a reason. The revision
must still pass the plain-English check, unless the publisher ticks that the reason says why it cannot. The
publish is recorded (who, when, reason, revision), the service owners of the page's area (else of its council)
are emailed, and the page stays "Published without customer testing" in the re-testing report until a later
revision passes the whole workflow.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Page

from casework.notifications import queue_email
from sitewide import council_emails, council_staff
from sitewide.councils import site_for_page
from sitewide.pages import ServiceArea

from .models import PublicationRecord, ServiceAreaOwner, plain_english_report, user_can_edit
from .workflow import SERVICE_OWNERS, approval_task

PERMISSION = "governance.publish_in_emergency"
GROUP = "Emergency publishers"  # the default council's (migration 0004); the demo copies it per council
MIN_REASON_WORDS = 5


def can_publish_in_emergency(page, user):
    return user.is_active and user.has_perm(PERMISSION) and user_can_edit(page, user)


class EmergencyPublishForm(forms.Form):
    reason = forms.CharField(
        label="Why must this go live before customer testing?",
        help_text="Say what residents would lose by waiting. "
        "Service owners read this, and it stays in the page history.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    override_plain_english = forms.BooleanField(
        label="Publish although the plain-English check fails: my reason says why it cannot wait for a rewrite",
        required=False,
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        if report.passed:
            del self.fields["override_plain_english"]

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason.split()) < MIN_REASON_WORDS:
            raise forms.ValidationError(
                f"Give a reason of at least {MIN_REASON_WORDS} words: what happens to residents if this waits?"
            )
        return reason

    def clean(self):
        cleaned = super().clean()
        if not self.report.passed and not cleaned.get("override_plain_english"):
            self.add_error(
                "override_plain_english" if "override_plain_english" in self.fields else None,
                "The plain-English check fails (" + "; ".join(c.label for c in self.report.failed_checks) + "). "
                "Fix the words and save a draft, or tick this box and say in your reason why it cannot wait.",
            )
        return cleaned


def service_owner_emails(page):
    """The area's owners (Customer testing > Service area owners), or, if it has none, the service owners of the
    page's council (never another council's)."""
    area = Page.objects.type(ServiceArea).ancestor_of(page).first()
    owners = [o.user for o in ServiceAreaOwner.objects.filter(area_id=area.pk).select_related("user")] if area else []
    if not owners:
        owners = council_service_owners(page)
    return sorted({user.email for user in owners if user.is_active and user.email})


def council_service_owners(page):
    """Members of the approval task's groups (every council's service owners) whose group works for the page's
    council."""
    task = approval_task()
    groups = task.groups.all() if task is not None else Group.objects.filter(name=SERVICE_OWNERS)
    site = site_for_page(page)
    return get_user_model().objects.filter(
        groups__in=groups.filter(council_staff.groups_of(site)), is_active=True
    ).distinct()


def notify_service_owners(record):
    """From the page's council, with links to its own site."""
    page = record.page.specific
    council = council_emails.for_page(page)
    context = {
        "record": record,
        "page": page,
        "publisher": record.user.get_full_name() or record.user.get_username(),
        "page_url": council.url(page.url or ""),
        "testing_url": council.url(reverse("governance:page", args=[page.pk])),
        **council.context(),
    }
    body = render_to_string("governance/emails/emergency_published.txt", context)
    subject = f"Published without customer testing: {page.title}"
    return [queue_email(address, subject, body, sender=council.sender) for address in service_owner_emails(page)]


def publish_in_emergency(page, revision, user, reason, override_plain_english=False):
    """Publish `revision` now, bypassing the workflow; the caller has checked the permission and the form."""
    report = plain_english_report(revision.as_object())
    if not report.passed and not override_plain_english:
        raise ValueError("the plain-English check fails and was not overridden")
    with transaction.atomic():
        record = PublicationRecord.objects.create(
            page=page,
            revision=revision,
            route=PublicationRecord.Route.EMERGENCY,
            user=user,
            reason=reason,
            plain_english_overridden=not report.passed,
            gates=[
                {"gate": "Plain-English check", "passed": report.passed, "detail": report.summary()},
                {"gate": "Emergency publisher", "passed": True, "detail": f"{user.get_username()}: {reason}"},
            ],
        )
        revision.publish(user=user, skip_permission_checks=True)
    notify_service_owners(record)  # after the publish is saved: the outbox keeps the emails if mail is down
    return record
