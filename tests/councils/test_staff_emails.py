"""Emails to staff and councillors speak for the council they concern: a councillor's ward's, a complaint's request's,
a page's. They name it, link to its own host and come from its sender; Westmere's stay as they were."""
from datetime import timedelta

import icalendar
import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone
from wagtail.models import WorkflowState

from casework.models import Submission
from casework.notifications import send_team_email
from cms_pages.models import TaskFormPage, TaskPage
from complaints.models import Complaint
from complaints.stages import send_overdue_reminders
from councillors.models import MemberEnquiry
from councillors.ward import send_digests
from governance.emergency import notify_service_owners
from governance.models import PageReview, PublicationRecord
from governance.review_reminders import send_review_reminders
from places.models import Councillor
from tests.conftest import westmere
from tests.governance.helpers import record_session

from .test_emails import FELLSIDE_SENDER, WESTMERE_SENDER, assert_fellsides, assert_westmeres, only_email

pytestmark = pytest.mark.django_db

MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/start/"


@pytest.fixture(autouse=True)
def empty_outbox():
    mail.outbox.clear()


def fellside_form():
    return TaskFormPage.objects.get(url_path="/fellside" + MISSED_BIN)


def westmere_form():
    return TaskFormPage.objects.get(**westmere(MISSED_BIN))


def signs_in(councillor_name, email):
    councillor = Councillor.objects.select_related("ward").get(name=councillor_name)
    councillor.user = User.objects.create_user(email, email, "x")
    councillor.save()
    return councillor


def test_a_fellside_councillor_s_ward_digest_is_fellside_s():
    signs_in("Rhona Dixon", "cllr.dixon@example.org")  # Kirkby Fell: FL1 2AB
    Submission.objects.create(page=fellside_form(), form_data={}, postcode="FL1 2AB")
    assert send_digests(timezone.now()) == "Sent 1 ward digest(s)."
    email = only_email()
    assert email.subject == "Kirkby Fell: 1 new, 0 overdue requests"
    assert email.body.rstrip().endswith("Fellside District Council")
    assert "http://fellside.localhost:8000/admin/your-ward/" in email.body
    assert_fellsides(email)


def test_a_westmere_councillor_s_ward_digest_stays_westmere_s():
    signs_in("Anne Carter", "cllr.carter@example.org")  # Town Centre: WM1 1AA
    Submission.objects.create(page=westmere_form(), form_data={}, postcode="WM1 1AA")
    assert send_digests(timezone.now()) == "Sent 1 ward digest(s)."
    email = only_email()
    assert email.body.rstrip().endswith("Westmere District Council")
    assert_westmeres(email)


def answer_enquiry(client, councillor):
    enquiry = MemberEnquiry.objects.create(councillor=councillor, resident_name="Jo", about="Fly-tipping",
                                           details="Bags by the bins", resident_phone="01632 960001")
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    response = client.post(f"/admin/member_enquiries/edit/{enquiry.pk}/", {"status": "done", "answer": "Cleared."})
    assert response.status_code == 302
    return only_email()


def test_a_fellside_councillor_s_enquiry_answer_comes_from_fellside(site_client):
    email = answer_enquiry(site_client, signs_in("Rhona Dixon", "cllr.dixon@example.org"))
    assert email.subject.startswith("Your enquiry ME-") and email.to == ["cllr.dixon@example.org"]
    assert "http://fellside.localhost:8000/admin/your-ward/" in email.body
    assert email.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(email)


def test_a_westmere_councillor_s_enquiry_answer_stays_westmere_s(site_client):
    email = answer_enquiry(site_client, signs_in("Anne Carter", "cllr.carter@example.org"))
    assert email.from_email == WESTMERE_SENDER != FELLSIDE_SENDER
    assert_westmeres(email)


def overdue_complaint(form_page, owner):
    request = Submission.objects.create(page=form_page, form_data={}, email="jo@example.org")
    return Complaint.objects.create(request=request, owner=owner, due_by=timezone.localdate() - timedelta(days=1))


def test_an_overdue_fellside_complaint_is_flagged_from_fellside_and_a_westmere_one_from_westmere():
    """An owner in a team shared by both councils hears of each council's complaints in its own email."""
    owner = User.objects.create_user("pat", "pat@example.org", "x")
    fellside_complaint = overdue_complaint(fellside_form(), owner)
    westmere_complaint = overdue_complaint(westmere_form(), owner)
    assert send_overdue_reminders(timezone.now()) == "Reminded 1 owner(s)."
    assert len(mail.outbox) == 2, [message.subject for message in mail.outbox]
    fellsides, westmeres = sorted(mail.outbox, key=lambda message: message.from_email != FELLSIDE_SENDER)
    assert fellside_complaint.request.reference in fellsides.body
    assert westmere_complaint.request.reference not in fellsides.body
    assert "http://fellside.localhost:8000/admin/complaints/" in fellsides.body
    assert fellsides.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(fellsides)
    assert westmere_complaint.request.reference in westmeres.body
    assert_westmeres(westmeres)


def fellside_pay():
    return TaskPage.objects.get(url_path="/fellside/council-tax/pay/")


def westmere_pay():
    return TaskPage.objects.get(**westmere("/council-tax/pay/"))


def test_a_fellside_page_s_review_reminder_comes_from_fellside_and_a_westmere_page_s_from_westmere():
    """Someone who looks after pages of both councils gets one email for each council's pages."""
    editor = User.objects.create_user("writer", "writer@example.org", "x")
    today = timezone.localdate()
    for page in (fellside_pay(), westmere_pay()):
        TaskPage.objects.filter(pk=page.pk).update(owner=editor)
        PageReview.objects.create(page=page, review_date=today + timedelta(days=10))
    send_review_reminders()
    mine = [message for message in mail.outbox if message.to == ["writer@example.org"]]
    assert len(mine) == 2, [message.subject for message in mine]
    fellsides, westmeres = sorted(mine, key=lambda message: message.from_email != FELLSIDE_SENDER)
    assert f"http://fellside.localhost:8000/admin/governance/pages/{fellside_pay().pk}/" in fellsides.body
    assert f"/admin/governance/pages/{westmere_pay().pk}/" not in fellsides.body
    assert fellsides.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(fellsides)
    assert f"/admin/governance/pages/{westmere_pay().pk}/" in westmeres.body
    assert westmeres.body.rstrip().endswith("Westmere District Council")
    assert_westmeres(westmeres)


def test_a_fellside_page_s_emergency_publish_is_told_from_fellside():
    publisher = User.objects.create_user("felix", "felix@example.org", "x", first_name="Felix")
    owner = User.objects.create_user("fred", "fred@example.org", "x")
    owner.groups.add(Group.objects.get(name="Fellside service owners"))
    page = fellside_pay()
    revision = page.save_revision(user=publisher)
    record = PublicationRecord.objects.create(page=page, revision=revision, route=PublicationRecord.Route.EMERGENCY,
                                              user=publisher, reason="The tip is shut after the flood.")
    notify_service_owners(record)
    email = only_email()
    assert email.to == ["fred@example.org"]
    assert f"http://fellside.localhost:8000/admin/governance/pages/{page.pk}/" in email.body
    assert "http://fellside.localhost:8000/council-tax/pay/" in email.body
    assert email.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(email)


def member(username, *groups):
    user = User.objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def through_customer_testing(page, editor, approver):
    """Submitted, through the plain-English check and the focus-group test, approved by `approver`."""
    page.summary = "Pay your Council Tax online with a debit card. It takes 5 minutes."
    page.answer = "Pay by Direct Debit, by card on our phone line or in cash at a post office."
    page.save_revision(user=editor)
    record_session(page, participants=6, completed=6, user=editor)
    state = page.get_workflow().start(page, editor)
    state.refresh_from_db()
    task_state = state.current_task_state.specific
    assert task_state.task.name == "Service owner approval", task_state.comment
    task_state.task.specific.on_action(task_state, approver, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def emails_to(*users):
    addresses = {user.email for user in users}
    return [message for message in mail.outbox if set(message.to) & addresses]


def test_a_fellside_page_s_customer_testing_emails_come_from_fellside():
    """Wagtail's own emails: submitted (to administrators), waiting for you (to its approvers), passed (to the
    editor). They linked to the default site's admin and came from DEFAULT_FROM_EMAIL."""
    page = fellside_pay()
    editor, owner = member("fiona", "Fellside editors"), member("fred", "Fellside service owners")
    admin = User.objects.create_superuser("boss", "boss@example.org", "x")
    through_customer_testing(page, editor, owner)
    emails = emails_to(editor, owner, admin)
    said = {(message.to[0], message.subject.split('" ', 1)[-1]) for message in emails}
    assert said >= {
        ("boss@example.org", "submitted for customer testing"),
        ("fred@example.org", 'is waiting for you at "Service owner approval"'),
        ("fiona@example.org", "passed customer testing"),
    }, said
    for email in emails:
        assert f"http://fellside.localhost:8000/admin/pages/{page.pk}/edit/" in email.body, email.body
        assert email.body.rstrip().endswith("Fellside District Council"), email.body
        assert_fellsides(email)


def test_a_westmere_page_s_customer_testing_emails_stay_westmere_s():
    page = westmere_pay()
    editor, owner = member("wes", "Editors"), member("wendy", "Service owners")
    through_customer_testing(page, editor, owner)
    emails = emails_to(editor, owner)
    assert len(emails) == 2, [message.subject for message in emails]
    for email in emails:
        assert f"http://localhost:8000/admin/pages/{page.pk}/edit/" in email.body, email.body
        assert email.body.rstrip().endswith("Westmere District Council"), email.body
        assert_westmeres(email)


def test_a_fellside_page_waiting_for_approval_is_announced_to_fellside_s_approvers_alone():
    """Westmere's service owners cannot approve it (governance.council_approval): no "waiting for you" for them."""
    westmere_owner = member("wendy", "Service owners")
    fellside_owner = member("fred", "Fellside service owners")
    through_customer_testing(fellside_pay(), member("fiona", "Fellside editors"), fellside_owner)
    assert [message.subject for message in emails_to(fellside_owner)] == [
        '"Pay your Council Tax (Fellside District Council)" is waiting for you at "Service owner approval"']
    assert emails_to(westmere_owner) == []


def test_a_fellside_address_s_bin_calendar_is_made_by_fellside_and_its_events_are_on_fellside_s_host(
        fellside, site_client):
    fellsides = fellside.get("/bin-calendar/100092000001.ics")
    events = icalendar.Calendar.from_ical(fellsides.content).walk("VEVENT")
    assert events and all(str(event["uid"]).endswith("@fellside.localhost") for event in events)
    assert b"PRODID:-//Fellside District Council//" in fellsides.content
    assert b"westmere" not in fellsides.content.lower()

    westmeres = site_client.get("/bin-calendar/100091000002.ics")
    events = icalendar.Calendar.from_ical(westmeres.content).walk("VEVENT")
    assert events and all(str(event["uid"]).endswith("@localhost") for event in events)  # SITE_BASE_URL's host
    assert b"PRODID:-//Westmere District Council//" in westmeres.content


def test_a_fellside_request_s_team_email_links_to_the_admin_on_fellside_s_host():
    send_team_email(Submission.objects.create(page=fellside_form(), form_data={}), [], "waste@fellside.example.org")
    email = only_email()
    assert "Update its status in the admin: http://fellside.localhost:8000/admin/" in email.body
    assert email.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(email)

    mail.outbox.clear()
    send_team_email(Submission.objects.create(page=westmere_form(), form_data={}), [], "waste@example.org")
    email = only_email()
    assert "Update its status in the admin: http://localhost:8000/admin/" in email.body
    assert email.body.rstrip().endswith("Westmere District Council")
    assert_westmeres(email)
