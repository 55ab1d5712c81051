"""Track a request with reference + email; staff change the status in the Wagtail admin."""
import pytest
from django.core import mail
from django.test import override_settings

from casework.models import Submission
from casework.status import change_status

from .conftest import send, valid_answers

pytestmark = pytest.mark.django_db
NOT_FOUND = "We could not find a request with that reference number and email address"


@pytest.fixture
def submission(site_client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    return Submission.objects.get()


def test_the_right_reference_and_email_show_the_status_and_history(site_client, submission):
    change_status(submission, None, "waiting", "Please leave your bin out again on Friday.")
    typed = submission.reference.lower().replace("-", " ")
    response = site_client.post("/track/", {"reference": typed, "email": "Resident@Example.com"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Waiting for you" in content and "Received" in content
    assert "Please leave your bin out again on Friday." in content
    assert "We will collect your bin within 2 working days." in content  # the form's service standard
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_email_and_an_unknown_reference_get_the_same_message(site_client, submission):
    wrong_email = site_client.post("/track/", {"reference": submission.reference, "email": "someone@example.com"})
    unknown = site_client.post("/track/", {"reference": "WM-2222-22", "email": "resident@example.com"})
    for response in (wrong_email, unknown):
        content = response.content.decode()
        assert NOT_FOUND in content and "Received" not in content


def test_missing_answers_get_clear_messages(site_client):
    content = site_client.post("/track/", {"reference": "", "email": "nope"}).content.decode()
    assert "Enter your reference number" in content
    assert "Enter an email address in the correct format, like name@example.com" in content


@override_settings(TRACK_RATE_LIMIT="2/m")
def test_guessing_is_slowed_down(site_client, submission):
    for _ in range(2):
        site_client.post("/track/", {"reference": "WM-2222-22", "email": "resident@example.com"})
    response = site_client.post("/track/", {"reference": submission.reference, "email": "resident@example.com"})
    assert response.status_code == 429 and "Waiting" not in response.content.decode()


def test_staff_change_the_status_in_the_admin_and_the_resident_is_emailed(client, submission, admin_user):
    client.force_login(admin_user)
    listing = client.get("/admin/requests/")
    assert listing.status_code == 200 and submission.reference in listing.content.decode()
    edit_url = f"/admin/requests/edit/{submission.pk}/"
    page = client.get(edit_url).content.decode()
    assert "12 Riverside Road" in page  # the resident's answers, read-only
    mail.outbox.clear()
    response = client.post(edit_url, {"status": "done", "status_note": "Collected on Tuesday."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "done"
    assert [(c.status, c.changed_by) for c in submission.history.all()] == [("received", None), ("done", admin_user)]
    assert mail.outbox[0].to == ["resident@example.com"] and "Done" in mail.outbox[0].subject
    assert client.get("/admin/requests/new/").status_code in (302, 403, 404)  # requests only come from residents
    # Wagtail's own Forms listing shows the same requests
    assert client.get(f"/admin/forms/submissions/{submission.page_id}/").status_code == 200
