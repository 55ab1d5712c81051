"""Issue 23, ward councillors: a councillor signs in, logs an enquiry for a resident (its own reference and service
standard in working days), sees their own ward's requests and never another's, and gets a weekly digest of their
ward's new and overdue requests, each listed once, through the scheduled jobs."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from casework.models import Notification, Status, Submission
from councillors.models import MemberEnquiry
from councillors.ward import send_digests
from kit.working_days import add_working_days
from places.models import Address, Councillor
from tests.casework.conftest import form_at

pytestmark = pytest.mark.django_db

WARD = "/admin/your-ward/"
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"


@pytest.fixture
def carter(client):
    councillor = Councillor.objects.get(name="Anne Carter")  # Town Centre: WM1 1AA
    user = User.objects.create_user("cllr", "cllr.carter@example.org", "x")
    user.groups.add(Group.objects.get(name="Councillors"))
    councillor.user = user
    councillor.save()
    client.defaults["HTTP_HOST"] = "localhost"
    client.force_login(user)
    return councillor


def request_from(postcode, sent=None, status=Status.RECEIVED, due_by=None):
    submission = Submission(page=form_at(MISSED_BIN), task_title="Report a missed bin collection", form_data={},
                            postcode=postcode, status=status, due_by=due_by)
    submission.save()
    if sent:
        Submission.objects.filter(pk=submission.pk).update(submit_time=sent)
        submission.refresh_from_db()
    return submission


def other_ward_postcode(councillor):
    return Address.objects.exclude(ward=councillor.ward).exclude(ward=None).values_list("postcode", flat=True)[0]


def test_a_councillor_logs_an_enquiry_for_a_resident_with_its_own_service_standard(client, carter):
    form = client.get(f"{WARD}enquiry/").content.decode()
    assert "within 10 working days" in form
    no_contact = client.post(f"{WARD}enquiry/", {"resident_name": "Jo", "about": "Fly-tipping", "details": "Again"})
    assert "Give the resident&#x27;s email address or phone number" in no_contact.content.decode()
    assert not MemberEnquiry.objects.exists()

    logged = client.post(f"{WARD}enquiry/", {"resident_name": "Jo Bloggs", "resident_phone": "01632 960001",
                                             "postcode": "wm1 1aa", "about": "Fly-tipping on Market Street",
                                             "details": "Bags left by the bins for a week"})

    enquiry = MemberEnquiry.objects.get()
    assert logged["Location"] == f"{WARD}enquiry/{enquiry.reference}/"
    assert enquiry.reference.startswith("ME-") and enquiry.councillor == carter
    assert (enquiry.postcode, enquiry.resident_phone) == ("WM1 1AA", "01632 960001")
    assert enquiry.due_by == add_working_days(timezone.localdate(), 10)
    assert enquiry.reference in client.get(logged["Location"]).content.decode()
    assert enquiry.reference in client.get(WARD).content.decode()


def test_a_councillor_sees_their_own_ward_s_requests_and_never_another_s(client, carter):
    mine = request_from("WM1 1AA")
    theirs = request_from(other_ward_postcode(carter))
    page = client.get(WARD).content.decode()
    assert mine.reference in page and theirs.reference not in page

    client.force_login(User.objects.create_user("not-a-councillor", "x@example.org", "x", is_staff=True))
    assert client.get(WARD).status_code in (302, 403)


def test_the_weekly_digest_lists_the_ward_s_new_and_overdue_requests_once(carter):
    now = timezone.now()
    new = request_from("WM1 1AA", sent=now - timedelta(days=2))
    yesterday = timezone.localdate() - timedelta(days=1)
    new_and_overdue = request_from("WM1 1AA", sent=now - timedelta(days=3), due_by=yesterday)
    overdue = request_from("WM1 1AA", sent=now - timedelta(days=30), due_by=timezone.localdate() - timedelta(days=5))
    done_late = request_from("WM1 1AA", sent=now - timedelta(days=30), status=Status.DONE,
                             due_by=timezone.localdate() - timedelta(days=5))
    old = request_from("WM1 1AA", sent=now - timedelta(days=30))
    elsewhere = request_from(other_ward_postcode(carter), sent=now - timedelta(days=1))

    assert send_digests(now) == "Sent 1 ward digest(s)."

    (digest,) = Notification.objects.all()
    assert (digest.to_email, digest.subject) == ("cllr.carter@example.org", "Town Centre: 2 new, 1 overdue requests")
    for listed in (new, new_and_overdue, overdue):
        assert digest.body.count(listed.reference) == 1, listed
    for unlisted in (done_late, old, elsewhere):
        assert unlisted.reference not in digest.body


def test_the_digest_goes_weekly_through_run_due(carter):
    request_from("WM1 1AA")
    call_command("run_due")
    call_command("run_due")  # the same week: nothing more
    digests = Notification.objects.filter(subject__startswith="Town Centre")
    assert digests.count() == 1
