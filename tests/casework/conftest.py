"""Helpers to fill the multi-page online forms as a browser would."""
import pytest
from django.core.cache import cache

from cms_pages.models import TaskFormPage
from tests.conftest import westmere


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_at(task_path):
    return TaskFormPage.objects.get(**westmere(f"{task_path.strip('/').split('/')[-1]}/start/"))


@pytest.fixture
def missed_bin_form():
    return form_at("/bins-and-recycling/report-a-missed-bin/")


def valid_answers(form_page, email="resident@example.com"):
    """POST data answering every question of the form validly."""
    answers = {}
    form_fields = form_page.get_form_class().base_fields  # a price table's options are answers no editor typed
    for field in form_page.get_form_fields():
        name, label = field.clean_name, field.label.lower()
        if field.field_type == "email":
            answers[name] = email
        elif field.field_type in ("radio", "dropdown"):
            answers[name] = form_fields[name].choices[0][0]
        elif field.field_type == "checkboxes":
            answers[name] = [form_fields[name].choices[0][0]]
        elif field.field_type == "date":
            answers.update({f"{name}_0": "20", f"{name}_1": "11", f"{name}_2": "2025"})
        elif field.field_type == "number":
            answers[name] = "52" if "£" in field.label else "1"
        elif field.field_type == "checkbox":
            answers[name] = "on"
        elif field.validation == "sort_code":
            answers[name] = "30-94-03"
        elif field.validation == "account_number":
            answers[name] = "00733445"
        elif "postcode" in label:
            answers[name] = "WM1 1AA"
        elif "phone" in label:
            answers[name] = "01632 960001"
        else:
            answers[name] = "12 Riverside Road"
    return answers


def fill_in(client, form_page, answers, max_steps=20):
    """Post the answers to each question page in turn; returns the last response (the redirect to check)."""
    url = form_page.url
    for _ in range(max_steps):
        response = client.post(url, answers)
        assert response.status_code == 302, response.content.decode()[:3000]
        url = response["Location"]
        if url.endswith("/check/"):
            return response
    raise AssertionError("Never reached Check your answers")


def send(client, form_page, answers):
    fill_in(client, form_page, answers)
    return client.post(form_page.url + "check/")
