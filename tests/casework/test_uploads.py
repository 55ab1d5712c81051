"""Photos on fly-tipping and disrepair reports: size and real type checked, stored privately, staff only."""
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from casework.fields import check_upload
from casework.models import Submission, Upload

from .conftest import fill_in, form_at, valid_answers

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def fly_tipping_form():
    return form_at("/environment/report-fly-tipping/")


def photo_step_url(form_page):
    steps = form_page.get_steps(form_page.get_form_class())
    number = next(i for i, names in enumerate(steps, start=1) if "photo" in names)
    return form_page.url + f"step/{number}/"


def test_only_the_fly_tipping_and_disrepair_forms_ask_for_a_photo(fly_tipping_form, missed_bin_form):
    assert fly_tipping_form.photo_upload and form_at("/housing/report-disrepair/").photo_upload
    assert "photo" in fly_tipping_form.get_form_class().base_fields
    assert "photo" not in missed_bin_form.get_form_class().base_fields


def test_a_photo_is_stored_privately_with_a_random_name_and_joined_to_the_request(site_client, fly_tipping_form):
    answers = valid_answers(fly_tipping_form)
    upload = SimpleUploadedFile("my photo.png", png_bytes(), content_type="image/png")
    response = site_client.post(photo_step_url(fly_tipping_form), {**answers, "photo": upload})
    assert response.status_code == 302
    stored = Upload.objects.get()
    assert stored.content_type == "image/png" and stored.original_name == "my photo.png"
    path = Path(stored.file.path)
    assert path.is_relative_to(Path(settings.CASEWORK_UPLOAD_ROOT))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT)) and "photo" not in path.name
    fill_in(site_client, fly_tipping_form, answers)
    assert "my photo.png" in site_client.get(fly_tipping_form.url + "check/").content.decode()
    site_client.post(fly_tipping_form.url + "check/")
    stored.refresh_from_db()
    assert stored.submission == Submission.objects.get()


def test_a_file_that_only_pretends_to_be_a_photo_is_refused(site_client, fly_tipping_form):
    fake = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho not a photo\n" * 10, content_type="image/jpeg")
    response = site_client.post(photo_step_url(fly_tipping_form), {"photo": fake})
    assert response.status_code == 200
    assert "The selected file must be a JPEG, PNG, HEIC or PDF" in response.content.decode()
    assert not Upload.objects.exists()


@override_settings(CASEWORK_UPLOAD_MAX_BYTES=1024 * 1024)
def test_a_file_that_is_too_big_is_refused(site_client, fly_tipping_form):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    response = site_client.post(photo_step_url(fly_tipping_form), {"photo": big})
    assert "The file must be smaller than 1MB" in response.content.decode()
    assert not Upload.objects.exists()


def test_only_staff_who_handle_requests_can_download_a_photo(site_client, fly_tipping_form, django_user_model):
    answers = valid_answers(fly_tipping_form)
    site_client.post(photo_step_url(fly_tipping_form), {**answers, "photo": SimpleUploadedFile("p.png", png_bytes())})
    fill_in(site_client, fly_tipping_form, answers)
    site_client.post(fly_tipping_form.url + "check/")
    url = f"/casework/uploads/{Upload.objects.get().pk}/"
    site_client.logout()
    assert site_client.get(url).status_code == 302  # to the admin sign-in
    resident = django_user_model.objects.create_user("r@example.com", "r@example.com", "a-long-passphrase")
    site_client.force_login(resident)
    assert site_client.get(url).status_code == 403
    staff = django_user_model.objects.create_user("staff", "staff@example.org", "a-long-passphrase", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_submission"))
    site_client.force_login(staff)
    assert site_client.get(url).status_code == 404  # the request permissions, but not this service's requests
    staff.groups.add(Group.objects.get(name="Caseworkers: Environment and community"))
    response = site_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == png_bytes()
    assert "attachment" in response["Content-Disposition"]


def image_bytes(kind):
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize("kind, name", [("JPEG", "p.jpg"), ("JPEG", "P.JPEG"), ("HEIF", "IMG_0001.HEIC"),
                                        ("PDF", "letter.pdf"), ("PNG", "photo.png")])
def test_jpeg_heic_png_and_pdf_are_recognised_by_their_content(kind, name):
    expected = {"JPEG": "image/jpeg", "HEIF": "image/heic", "PDF": "application/pdf", "PNG": "image/png"}[kind]
    assert check_upload(SimpleUploadedFile(name, image_bytes(kind))) == expected


# Issue 20, item 4: the name must match the content, images must decode, downloads get a safe name.

@pytest.mark.parametrize("name, content", [
    ("evil.png.html", "PNG"),  # a real PNG, named to open as a web page once downloaded
    ("photo.svg", "PNG"), ("photo", "PNG"), ("photo.jpg", "PNG"), ("letter.pdf", "JPEG"), ("scan.png", "PDF"),
])
def test_a_file_whose_name_does_not_match_its_content_is_refused(name, content):
    with pytest.raises(ValidationError, match="must be a JPEG, PNG, HEIC or PDF"):
        check_upload(SimpleUploadedFile(name, image_bytes(content)))


def test_an_image_that_does_not_decode_is_refused(site_client, fly_tipping_form):
    broken = png_bytes()[:40] + b"<html><script>alert(1)</script></html>" * 20
    response = site_client.post(photo_step_url(fly_tipping_form), {"photo": SimpleUploadedFile("p.png", broken)})
    assert "The selected file must be a JPEG, PNG, HEIC or PDF" in response.content.decode()
    assert not Upload.objects.exists()


def test_evil_png_html_is_refused_on_the_form(site_client, fly_tipping_form):
    evil = SimpleUploadedFile("evil.png.html", png_bytes(), content_type="text/html")
    response = site_client.post(photo_step_url(fly_tipping_form), {"photo": evil})
    assert response.status_code == 200 and "must be a JPEG, PNG, HEIC or PDF" in response.content.decode()
    assert not Upload.objects.exists()


def test_downloads_have_a_safe_name_and_are_never_sniffed(client, fly_tipping_form, django_user_model):
    """An upload stored before the checks (or any name at all) is downloaded under a name made from its real type."""
    submission = Submission(page=fly_tipping_form, task_title="Fly-tipping", email="r@example.com", form_data={})
    submission.save()
    upload = Upload.objects.create(submission=submission, file=ContentFile(png_bytes(), name="x"),
                                   original_name='evil.png.html"; x=".exe', content_type="image/png", size=10)
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "a-long-passphrase"))
    response = client.get(f"/casework/uploads/{upload.pk}/", HTTP_HOST="localhost")
    b"".join(response.streaming_content)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and 'filename="evil-png-html-x.png"' in disposition
    assert ".html" not in disposition and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
