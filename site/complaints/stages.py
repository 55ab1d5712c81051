"""Opening a complaint and moving it on: each stage's deadline counts working days from when it starts
(COMPLAINT_STAGE_1_WORKING_DAYS, COMPLAINT_STAGE_2_WORKING_DAYS); the Ombudsman sets their own."""
from django.conf import settings
from django.utils import timezone

from casework.notifications import queue_email
from governance.models import ServiceAreaOwner
from kit.working_days import add_working_days
from sitewide import council_emails

from .models import Complaint, Stage


def deadline(stage, started):
    days = {
        Stage.STAGE_1: settings.COMPLAINT_STAGE_1_WORKING_DAYS,
        Stage.STAGE_2: settings.COMPLAINT_STAGE_2_WORKING_DAYS,
    }
    return add_working_days(timezone.localdate(started), days[stage]) if stage in days else None


def open_complaint(request, service_area=None):
    """A complaint sent through a form: stage 1, due in working days, owned by its service area's owner."""
    owner = ServiceAreaOwner.objects.filter(area_id=service_area.pk).first() if service_area else None
    now = timezone.now()
    return Complaint.objects.create(
        request=request, service_area=service_area, owner=owner.user if owner else None,
        stage_started_at=now, due_by=deadline(Stage.STAGE_1, now),
    )


def move_to(complaint, stage, now=None):
    """The resident is not satisfied: the next stage starts now, with its own deadline, not yet answered."""
    now = now or timezone.now()
    complaint.stage, complaint.stage_started_at = stage, now
    complaint.due_by, complaint.answered_at = deadline(stage, now), None
    complaint.save(update_fields=["stage", "stage_started_at", "due_by", "answered_at"])


def council_of(complaint):
    """The council the complaint was made to: the council of the site its request was sent on."""
    return council_emails.for_page(complaint.request.page)


def overdue_for_owners(today):
    """{(owner, council): [complaints]} of the complaints past their stage's deadline and not answered: an owner
    in a team shared by several councils hears of each council's complaints in an email of its own."""
    overdue = {}
    complaints = Complaint.objects.filter(answered_at__isnull=True, due_by__lt=today, owner__isnull=False)
    for complaint in complaints.select_related("owner", "request__page"):
        overdue.setdefault((complaint.owner, council_of(complaint)), []).append(complaint)
    return overdue


def send_overdue_reminders(now):
    """Each owner is emailed the complaints past their deadline (daily, through run_due), from their council."""
    overdue = overdue_for_owners(timezone.localdate(now))
    for (owner, council), complaints in overdue.items():
        if owner.email:
            lines = "\n".join(f"- {c.request.reference}: {c.get_stage_display()}, due {c.due_by:%d %b}"
                              for c in complaints)
            body = (f"These complaints you own are past their deadline:\n{lines}\n\n"
                    f"{council.url('/admin/complaints/')}\n\n{council.name}")
            subject = f"{len(complaints)} complaint(s) past their deadline"
            queue_email(owner.email, subject, body, sender=council.sender)
    return f"Reminded {len({owner for owner, _ in overdue})} owner(s)."
