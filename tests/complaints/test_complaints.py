"""Issue 23, complaints that teach: a complaint sent through the form opens at stage 1 with its deadline and its
service area's owner; it moves to stage 2 and to the Ombudsman, each stage with its own deadline; an overdue one
is flagged to its owner; the report counts received, upheld and answered on time per service area, and the lesson
of an upheld complaint is shown to the editors of the page it concerns."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from casework.models import Notification, Submission
from cms_pages.models import ServiceAreaPage, TaskPage
from complaints.models import Complaint, Outcome, Stage
from complaints.stages import move_to, send_overdue_reminders
from governance.models import ServiceAreaOwner
from kit.working_days import add_working_days
from tests.casework.conftest import form_at, send, valid_answers
from tests.conftest import westmere

pytestmark = pytest.mark.django_db

COMPLAINTS = "/contact-us/comments-compliments-complaints/"


@pytest.fixture
def parking_owner():
    owner = User.objects.create_user("pat", "pat.parking@example.org", "x", first_name="Pat")
    owner.groups.add(Group.objects.get(name="Service owners"))
    area = ServiceAreaPage.objects.get(**westmere(), slug="parking-and-roads")
    ServiceAreaOwner.objects.create(area=area, user=owner)
    return owner


def complain(client, category="A complaint"):
    form_page = form_at(COMPLAINTS)
    names = {field.label: field.clean_name for field in form_page.get_form_fields()}
    answers = valid_answers(form_page, email="jo@example.org")
    answers.update({names["What would you like to tell us?"]: category, names["Which service is it about?"]: "Parking",
                    names["What happened?"]: "The warden was rude", names["What would you like us to do?"]: "Sorry"})
    assert send(client, form_page, answers).status_code == 302
    return Submission.objects.latest("submit_time")


def test_a_complaint_opens_at_stage_1_with_its_deadline_and_owner(site_client, parking_owner):
    request = complain(site_client)
    complaint = Complaint.objects.get(request=request)
    assert (complaint.stage, complaint.owner, complaint.service_area.title) == (
        Stage.STAGE_1, parking_owner, "Parking and roads")
    assert complaint.due_by == add_working_days(timezone.localdate(), 10)

    complain(site_client, category="A compliment")
    assert Complaint.objects.count() == 1  # a compliment is no complaint


def test_a_complaint_moves_through_its_stages_each_with_its_own_deadline(site_client, parking_owner):
    complaint = Complaint.objects.get(request=complain(site_client))
    complaint.answered_at = timezone.now()
    complaint.save()
    later = timezone.now() + timedelta(days=14)

    move_to(complaint, Stage.STAGE_2, now=later)
    assert (complaint.stage, complaint.answered_at) == (Stage.STAGE_2, None)
    assert complaint.due_by == add_working_days(timezone.localdate(later), 20)
    move_to(complaint, Stage.OMBUDSMAN)
    assert complaint.due_by is None and not complaint.is_overdue


def test_an_overdue_complaint_is_flagged_to_its_owner_once_a_day(site_client, parking_owner):
    complaint = Complaint.objects.get(request=complain(site_client))
    assert send_overdue_reminders(timezone.now()) == "Reminded 0 owner(s)."
    Complaint.objects.filter(pk=complaint.pk).update(due_by=timezone.localdate() - timedelta(days=1))

    assert send_overdue_reminders(timezone.now()) == "Reminded 1 owner(s)."
    reminder = Notification.objects.get(to_email="pat.parking@example.org")
    assert complaint.request.reference in reminder.body and "past their deadline" in reminder.subject


def test_the_owner_records_the_outcome_and_the_lesson_reaches_the_page_s_editors(site_client, parking_owner, client):
    complaint = Complaint.objects.get(request=complain(site_client))
    page = TaskPage.objects.get(**westmere(), slug="pay-a-parking-fine")
    client.defaults["HTTP_HOST"] = "localhost"
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    edit = f"/admin/complaints/edit/{complaint.pk}/"
    base = {"stage": Stage.STAGE_1, "owner": parking_owner.pk, "answered": "on", "concerns": page.pk}

    no_lesson = client.post(edit, {**base, "outcome": Outcome.UPHELD, "lesson": ""})
    assert "Say what we learned" in no_lesson.content.decode()
    client.post(edit, {**base, "outcome": Outcome.UPHELD, "lesson": "Wardens now explain how to challenge a fine."})

    complaint.refresh_from_db()
    assert complaint.answered_on_time and complaint.outcome == Outcome.UPHELD
    report = client.get("/admin/complaints-report/").content.decode()
    assert "Parking and roads" in report and "Wardens now explain how to challenge a fine." in report
    assert "1 of 1" in report
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "What complaints about this page taught us" in editor and "Wardens now explain" in editor
    other = TaskPage.objects.exclude(pk=page.pk).first()
    untouched = client.get(f"/admin/pages/{other.pk}/edit/").content.decode()
    assert "What complaints about this page taught us" not in untouched
