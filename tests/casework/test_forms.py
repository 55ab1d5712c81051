"""The online forms: one question per page for long forms, answers kept, check answers, confirmation."""
import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from casework.models import Submission
from cms_pages.models import TaskFormPage

from .conftest import fill_in, send, valid_answers

pytestmark = pytest.mark.django_db


def test_a_long_form_asks_one_question_per_page_and_a_short_one_asks_all_at_once(site_client, missed_bin_form):
    form_class = missed_bin_form.get_form_class()
    steps = missed_bin_form.get_steps(form_class)
    assert len(form_class.base_fields) == 7
    assert steps[0] == ["your_postcode", "first_line_of_your_address"]  # postcode and address together
    assert all(len(step) == 1 for step in steps[1:])
    short = TaskFormPage.objects.exclude(pk=missed_bin_form.pk).first()
    short.form_fields.filter(sort_order__gte=3).delete()
    assert len(short.get_steps(short.get_form_class())) == 1  # 3 questions: all on one page
    content = site_client.get(missed_bin_form.url).content.decode()
    assert "question 1 of 6" in content
    assert 'name="which_bin_was_missed"' not in content


def test_a_valid_request_is_checked_then_stored_with_a_reference_and_a_confirmation_email(site_client, missed_bin_form):
    fill_in(site_client, missed_bin_form, valid_answers(missed_bin_form))
    check = site_client.get(missed_bin_form.url + "check/").content.decode()
    assert "Check your answers before sending" in check
    assert "WM1 1AA" in check and "20 November 2025" in check
    assert check.count(">Change<") == 7
    response = site_client.post(missed_bin_form.url + "check/")
    assert response.status_code == 302 and response["Location"].endswith("/start/confirmation/")
    submission = Submission.objects.get()
    assert submission.page_id == missed_bin_form.pk
    assert submission.email == "resident@example.com"
    assert submission.form_data["your_postcode"] == "WM1 1AA"
    assert submission.history.get().status == "received"
    confirmation = site_client.get(response["Location"]).content.decode()
    assert "govuk-panel--confirmation" in confirmation
    assert submission.reference in confirmation
    assert "We will collect your bin within 2 working days." in confirmation  # the form's service standard
    to_resident = [m for m in mail.outbox if m.to == ["resident@example.com"]]
    assert len(to_resident) == 1 and submission.reference in to_resident[0].body
    assert any(m.to == ["customer.services@example.org"] for m in mail.outbox)  # the team is told too
    # The answers are gone from the session once sent
    assert site_client.get(missed_bin_form.url + "check/").status_code == 302


def test_errors_are_summarised_and_linked_and_what_was_typed_is_kept(site_client, missed_bin_form):
    response = site_client.post(missed_bin_form.url, {"your_postcode": "not a postcode"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert '<a href="#id_your_postcode">Enter a real postcode, like WM1 1AA</a>' in content
    assert '<a href="#id_first_line_of_your_address">Enter first line of your address</a>' in content
    assert 'value="not a postcode"' in content
    assert "<title>Error:" in content
    # Coming back later (a new page load) still shows it
    assert 'value="not a postcode"' in site_client.get(missed_bin_form.url).content.decode()
    assert Submission.objects.count() == 0


def test_answers_are_kept_when_going_back_and_a_change_link_returns_to_check(site_client, missed_bin_form):
    fill_in(site_client, missed_bin_form, valid_answers(missed_bin_form))
    step_one = site_client.get(missed_bin_form.url).content.decode()
    assert 'value="WM1 1AA"' in step_one and 'value="12 Riverside Road"' in step_one
    answers = {**valid_answers(missed_bin_form), "your_postcode": "wm2 3ab"}
    response = site_client.post(missed_bin_form.url + "?change=1", answers)
    assert response["Location"].endswith("/check/")
    assert "WM2 3AB" in site_client.get(response["Location"]).content.decode()


def test_check_answers_sends_people_back_to_the_first_unanswered_question(site_client, missed_bin_form):
    site_client.post(missed_bin_form.url, valid_answers(missed_bin_form))
    response = site_client.get(missed_bin_form.url + "check/")
    assert response["Location"].endswith("/start/step/2/")


def test_form_pages_are_never_cached(site_client, missed_bin_form):
    response = site_client.get(missed_bin_form.url)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_honeypot_stores_nothing(site_client, missed_bin_form):
    fill_in(site_client, missed_bin_form, valid_answers(missed_bin_form))
    response = site_client.post(missed_bin_form.url + "check/", {"website": "http://spam.example.com"})
    assert response.status_code == 200
    assert "We have received your form" in response.content.decode()
    assert Submission.objects.count() == 0 and not mail.outbox


def test_posts_without_a_csrf_token_are_refused(missed_bin_form):
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    assert client.post(missed_bin_form.url, valid_answers(missed_bin_form)).status_code == 403


@override_settings(FORM_RATE_LIMIT="1/m")
def test_too_many_requests_from_one_address_are_slowed_down_without_losing_answers(site_client, missed_bin_form):
    assert send(site_client, missed_bin_form, valid_answers(missed_bin_form)).status_code == 302
    response = send(site_client, missed_bin_form, valid_answers(missed_bin_form, email="again@example.com"))
    assert response.status_code == 429
    content = response.content.decode()
    assert "Please wait a minute" in content and "again@example.com" in content
    assert Submission.objects.count() == 1


def test_a_signed_in_resident_s_request_is_linked_to_their_account(site_client, missed_bin_form, django_user_model):
    user = django_user_model.objects.create_user("me@example.com", "me@example.com", "a-long-passphrase")
    site_client.force_login(user)
    send(site_client, missed_bin_form, valid_answers(missed_bin_form, email="other@example.com"))
    assert Submission.objects.get().user == user


def test_references_look_right_on_the_confirmation_page(site_client, missed_bin_form):
    response = send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    content = site_client.get(response["Location"]).content.decode()
    assert re.search(r"data-reference>WM-[A-Z2-9]{4}-[A-Z2-9]{2}<", content)
