"""The simple online forms store submissions and turn away spam and cross-site posts."""
import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.contrib.forms.models import FormSubmission

from cms_pages.models import TaskFormPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def missed_bin_form():
    return TaskFormPage.objects.get(url_path__endswith="/report-a-missed-bin/start/")


def valid_answers(form_page):
    answers = {}
    for field in form_page.get_form_fields():
        if field.field_type == "email":
            answers[field.clean_name] = "resident@example.com"
        elif field.field_type in ("radio", "dropdown"):
            answers[field.clean_name] = field.choices.splitlines()[0].strip()
        elif field.field_type == "checkboxes":
            answers[field.clean_name] = [field.choices.splitlines()[0].strip()]
        elif field.field_type == "date":
            answers[field.clean_name] = "2026-11-20"
        elif field.field_type == "number":
            answers[field.clean_name] = "1"
        elif field.field_type == "checkbox":
            answers[field.clean_name] = "on"
        else:
            answers[field.clean_name] = "WM1 1AA"
    return answers


def setup_function():
    cache.clear()


def test_a_valid_submission_is_stored(site_client, missed_bin_form):
    response = site_client.post(missed_bin_form.url, valid_answers(missed_bin_form))
    assert response.status_code == 200
    assert "We have received your form" in response.content.decode()
    assert FormSubmission.objects.filter(page=missed_bin_form).count() == 1


def test_errors_are_summarised_and_answers_kept(site_client, missed_bin_form):
    answers = valid_answers(missed_bin_form)
    email_field = next(f for f in missed_bin_form.get_form_fields() if f.field_type == "email")
    answers[email_field.clean_name] = "not-an-email"
    content = site_client.post(missed_bin_form.url, answers).content.decode()
    assert "There is a problem" in content
    assert f'href="#id_{email_field.clean_name}"' in content
    assert 'value="not-an-email"' in content
    assert FormSubmission.objects.count() == 0


def test_the_honeypot_stores_nothing(site_client, missed_bin_form):
    answers = {**valid_answers(missed_bin_form), "website": "http://spam.example.com"}
    assert site_client.post(missed_bin_form.url, answers).status_code == 200
    assert FormSubmission.objects.count() == 0


def test_posts_without_a_csrf_token_are_refused(missed_bin_form):
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    assert client.post(missed_bin_form.url, valid_answers(missed_bin_form)).status_code == 403


@override_settings(FORM_RATE_LIMIT="2/m")
def test_too_many_posts_from_one_address_are_slowed_down_without_losing_answers(site_client, missed_bin_form):
    answers = valid_answers(missed_bin_form)
    for _ in range(2):
        site_client.post(missed_bin_form.url, answers)
    response = site_client.post(missed_bin_form.url, answers)
    assert response.status_code == 429
    assert 'value="resident@example.com"' in response.content.decode()
    assert FormSubmission.objects.count() == 2
