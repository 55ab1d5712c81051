"""Issue 20: in admin lists a task page and its online form page (which has the task's title) looked the same:
the form is "… — online form" wherever the admin names it (page search, the re-testing panel, reports)."""

import re

import pytest
from django.contrib.auth.models import User
from wagtail.models import Page

from cms_pages.models import TaskFormPage, TaskPage
from sitewide.pages import page_label
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("labels-admin", "labels-admin@example.org", "x"))
    return client


def test_a_form_page_is_named_as_the_tasks_online_form():
    task = TaskPage.objects.get(**westmere("/report-a-missed-bin/"))
    form = TaskFormPage.objects.get(**westmere("/report-a-missed-bin/start/"))
    assert form.title == task.title
    assert form.get_admin_display_title() == f"{task.title} — online form"
    assert page_label(Page.objects.get(pk=form.pk)) == page_label(form) == f"{task.title} — online form"
    assert page_label(task) == task.title and page_label(Page.objects.get(depth=2, slug="home")) == "Home"


def test_no_two_rows_of_the_page_search_or_the_dashboard_look_the_same(admin_client):
    search = admin_client.get("/admin/pages/search/", {"q": "missed bin"}).content.decode()
    rows = re.findall(r'aria-label="More options for &#x27;(.+?)&#x27;"', search)
    assert "Report a missed bin collection" in rows and "Report a missed bin collection — online form" in rows
    assert len(rows) == len(set(rows)), rows
    dashboard = admin_client.get("/admin/").content.decode()
    panel = dashboard[dashboard.index("Pages that need re-testing with residents") :]
    listed = re.findall(r'<li><a href="/admin/governance/pages/\d+/">([^<]+)</a>', panel)
    assert listed and len(listed) == len(set(listed)), listed
