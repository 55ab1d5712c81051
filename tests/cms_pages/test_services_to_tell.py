"""Editors keep a form's Services to tell in the Wagtail admin (issue 24): the moving form's services, their promises
and the answers that make each apply; the admin refuses an answer no question on the form can be given, and a
promise whose number of working days is not the one it says."""
import pytest

from cms_pages.models import ServiceToTell, TaskFormPage
from tests.conftest import westmere

from .test_price_tables import admin_client, edit_form  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def moving_form():
    return TaskFormPage.objects.get(**westmere("/moving-home/start/"))


def test_the_services_to_tell_are_edited_on_the_form_page(admin_client):  # noqa: F811
    page = moving_form()
    html, data = edit_form(admin_client, page)
    assert "Services to tell" in html and "What residents do themselves" in html
    assert data["services_to_tell-1-label"] == "Bins: order bins for your new home, if it has none"
    data["services_to_tell-1-only_when"] = "Moving within Westmere"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    draft = TaskFormPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    bins = draft.form_definition().services[1]
    assert bins.only_when == ("Moving within Westmere",) and bins.task_title == "Moving home: bins for the new home"


@pytest.mark.parametrize("name, value, message", [
    ("only_when", "Moving to Mars", "‘Moving to Mars’ is not an answer to a question on this form"),
    ("working_days", "5", "The promise says 10 working days: give that number here."),
])
def test_the_admin_refuses_services_that_do_not_fit_the_form(admin_client, name, value, message):  # noqa: F811
    page = moving_form()
    _, data = edit_form(admin_client, page)
    data[f"services_to_tell-0-{name}"] = value
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert ServiceToTell.objects.get(page=page, sort_order=0).only_when == ""
