"""Requests older than CASEWORK_RETENTION_MONTHS lose their personal details; newer ones are untouched."""
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from casework.models import Notification, Submission, Upload

from .conftest import send, valid_answers

pytestmark = pytest.mark.django_db


@override_settings(CASEWORK_RETENTION_MONTHS=24)
def test_old_requests_are_anonymised_and_recent_ones_kept(site_client, missed_bin_form):
    for email in ("old@example.com", "new@example.com"):
        send(site_client, missed_bin_form, valid_answers(missed_bin_form, email=email))
    old = Submission.objects.get(email="old@example.com")
    Submission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - timedelta(days=25 * 31))
    upload = Upload(submission=old, original_name="p.png", content_type="image/png", size=3)
    upload.file.save("x", ContentFile(b"abc"))
    path = upload.file.path
    out = StringIO()
    call_command("anonymise_old_submissions", stdout=out)
    assert "Anonymised 1 request(s) older than 24 months" in out.getvalue()
    old.refresh_from_db()
    assert old.anonymised_at and old.email == "" and old.form_data == {} and old.answers == []
    assert old.reference and old.status == "received"  # kept for statistics
    assert not Upload.objects.filter(submission=old).exists()
    assert not __import__("os").path.exists(path)
    assert not Notification.objects.filter(submission=old).exists()
    new = Submission.objects.get(email="new@example.com")
    assert new.anonymised_at is None and new.form_data
    # Anonymised requests cannot be tracked any more
    response = site_client.post("/track/", {"reference": old.reference, "email": "old@example.com"})
    assert "We could not find a request" in response.content.decode()


def test_the_period_is_a_setting_and_can_be_overridden(site_client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    Submission.objects.update(submit_time=timezone.now() - timedelta(days=100))
    call_command("anonymise_old_submissions", stdout=StringIO())
    assert Submission.objects.get().anonymised_at is None
    call_command("anonymise_old_submissions", "--months", "3", stdout=StringIO())
    assert Submission.objects.get().anonymised_at is not None
