"""Regression tests for what a tester broke in the online forms and requests (issue 11: 3, 10, 11, 13, 14, 15).
Each failed on the code before the fix."""
import io
import random
import string
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from casework.models import Payment, Submission, Upload
from cms_pages.models import TaskFormField

from .conftest import fill_in, form_at, send, valid_answers
from .test_uploads import photo_step_url

pytestmark = pytest.mark.django_db


def step_of(form_page, label):
    """The URL of the page that asks this question, and the question's field name."""
    field = next(f for f in form_page.get_form_fields() if f.label == label)
    steps = form_page.get_steps(form_page.get_form_class())
    number = next(i for i, names in enumerate(steps, start=1) if field.clean_name in names)
    return form_page.url + (f"step/{number}/" if number > 1 else ""), field.clean_name


def session_bytes(client):
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


# --- 3: session flooding -----------------------------------------------------------------------

def test_a_huge_answer_gets_a_clear_message_and_does_not_flood_the_session(site_client):
    fly_tipping = form_at("/environment/report-fly-tipping/")
    url, name = step_of(fly_tipping, "Describe what was dumped")
    words = random.Random(11).choices(string.ascii_lowercase + " \n", k=900_000)  # does not compress
    huge = "rubbish " + "".join(words)  # under the 1 MB request body limit
    response = site_client.post(url, {name: huge})
    assert response.status_code == 200
    assert "Describe what was dumped must be 4,000 characters or fewer" in response.content.decode()
    assert session_bytes(site_client) < 20_000  # was about 900 kB for this one answer
    kept = site_client.get(url).content.decode()
    assert "rubbish" in kept  # what was typed is still there to shorten


def test_every_kind_of_answer_has_a_maximum_length():
    for form_page in [form_at("/environment/report-fly-tipping/"), form_at("/bins-and-recycling/bulky-waste/")]:
        for name, field in form_page.get_form_class().base_fields.items():
            if hasattr(field, "max_length") and name != "photo":
                assert field.max_length, f"{form_page.title}: {name} has no maximum length"


@override_settings(FORM_STEP_RATE_LIMIT="3/m")
def test_question_pages_are_rate_limited_and_what_was_typed_is_shown_back(site_client, missed_bin_form):
    answers = {**valid_answers(missed_bin_form), "first_line_of_your_address": "7 Mill Lane"}
    codes = [site_client.post(missed_bin_form.url, answers).status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    content = site_client.post(missed_bin_form.url, answers).content.decode()
    assert "Please wait a minute" in content and 'value="7 Mill Lane"' in content


# --- 10: the amount to pay -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "amount, message",
    [
        ("21474836.48", "Amount you want to pay (£) must be £21,474,836.47 or less"),
        ("99999999.99", "Amount you want to pay (£) must be £21,474,836.47 or less"),
        ("0", "Amount you want to pay (£) must be £0.01 or more"),
    ],
)
def test_the_amount_to_pay_is_checked_on_its_own_page(site_client, amount, message):
    council_tax = form_at("/council-tax/pay/")
    url, name = step_of(council_tax, "Amount you want to pay (£)")
    response = site_client.post(url, {name: amount})
    assert response.status_code == 200 and message in response.content.decode()


def test_the_largest_amount_the_database_holds_is_paid_and_the_request_kept(site_client):
    council_tax = form_at("/council-tax/pay/")
    _, name = step_of(council_tax, "Amount you want to pay (£)")
    response = send(site_client, council_tax, {**valid_answers(council_tax), name: "21474836.47"})
    assert response.status_code == 302 and response["Location"].startswith("/pay/demo/")
    assert Submission.objects.get().amount_pence == 2147483647 == Payment.objects.get().amount_pence


def test_the_payment_return_url_is_given_to_the_provider_from_the_start(site_client):
    council_tax = form_at("/council-tax/pay/")
    send(site_client, council_tax, valid_answers(council_tax))
    payment = Payment.objects.get()
    assert payment.return_url == council_tax.url + f"payment/return/{payment.token}/"


# --- 11: no orphan files -------------------------------------------------------------------------

def png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, "PNG")
    return SimpleUploadedFile(f"{colour}.png", buffer.getvalue(), content_type="image/png")


def files_on_disk():
    return sorted(str(p) for p in Path(settings.CASEWORK_UPLOAD_ROOT).rglob("*") if p.is_file())


def test_a_replaced_photo_and_a_deleted_request_leave_no_file_behind(site_client):
    fly_tipping = form_at("/environment/report-fly-tipping/")
    url = photo_step_url(fly_tipping)
    before = files_on_disk()
    for colour in ("red", "green", "blue"):
        assert site_client.post(url, {"photo": png(colour)}).status_code == 302
    assert Upload.objects.get().original_name == "blue.png"
    assert len(files_on_disk()) == len(before) + 1  # the red and green photos went with their rows
    send(site_client, fly_tipping, valid_answers(fly_tipping))
    Submission.objects.get().delete()  # as any admin view deletes it
    assert not Upload.objects.exists() and files_on_disk() == before


def test_a_queryset_delete_also_removes_the_files(site_client):
    fly_tipping = form_at("/environment/report-fly-tipping/")
    url = photo_step_url(fly_tipping)
    before = files_on_disk()
    site_client.post(url, {"photo": png("red")})
    Upload.objects.all().delete()
    assert files_on_disk() == before


# --- 13: dates that overflow ---------------------------------------------------------------------

def test_a_day_too_large_for_a_computer_gets_a_clear_message_not_a_server_error(site_client, missed_bin_form):
    url, name = step_of(missed_bin_form, "Date of your collection day")
    response = site_client.post(url, {f"{name}_0": "99999999999999999999", f"{name}_1": "11", f"{name}_2": "2025"})
    assert response.status_code == 200
    assert "Date of your collection day must be a real date, like 27 3 2025" in response.content.decode()


# --- 14: the postcode check is chosen per question -------------------------------------------------

def test_high_street_is_a_fine_answer_to_nearest_postcode_or_street_name(site_client):
    fly_tipping = form_at("/environment/report-fly-tipping/")
    url, name = step_of(fly_tipping, "Nearest postcode or street name")
    assert site_client.post(url, {name: "High Street"}).status_code == 302
    fill_in(site_client, fly_tipping, {**valid_answers(fly_tipping), name: "High Street"})
    assert "High Street" in site_client.get(fly_tipping.url + "check/").content.decode()


def test_the_check_comes_from_the_question_s_setting_not_its_words(missed_bin_form):
    postcode = missed_bin_form.form_fields.get(label="Your postcode")
    assert postcode.validation == "postcode"
    form = missed_bin_form.get_form_class()({"your_postcode": "nope"})
    assert form.errors["your_postcode"] == ["Enter a real postcode, like WM1 1AA"]
    postcode.validation = "none"
    postcode.save()
    form = missed_bin_form.get_form_class()({"your_postcode": "nope"})
    assert "your_postcode" not in form.errors


def test_an_editor_cannot_put_a_check_on_a_question_it_does_not_fit(missed_bin_form):
    question = TaskFormField(page=missed_bin_form, label="Which bin?", field_type="radio", validation="postcode")
    with pytest.raises(ValidationError, match="does not fit"):
        question.clean()


# --- 15: formula injection in the requests download ----------------------------------------------

def test_the_requests_csv_writes_formulas_as_text(site_client, client, missed_bin_form, admin_user):
    answers = {**valid_answers(missed_bin_form), "first_line_of_your_address": '=HYPERLINK("http://evil.example")'}
    send(site_client, missed_bin_form, answers)
    client.force_login(admin_user)
    csv = client.get(f"/admin/forms/submissions/{missed_bin_form.pk}/?export=csv")
    content = b"".join(csv.streaming_content).decode()
    assert csv.status_code == 200 and "HYPERLINK" in content
    assert "'=HYPERLINK" in content and ',"=HYPERLINK' not in content and ",=HYPERLINK" not in content
