"""The outcomes dashboard in Chromium at 1280 px (issue 25): a manager sees every chart with its table, a period and
an area to choose, and the page passes axe and the admin's Content-Security-Policy."""
import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from playwright.sync_api import expect

from .test_admin_in_words import sign_in
from .test_garden_waste import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_reads_the_outcomes_dashboard(page, live_server, demo_council):
    # the live server's tables were emptied after the migrations: the permission they made is made again
    content_type, _ = ContentType.objects.get_or_create(app_label="outcomes", model="dashboard")
    Permission.objects.get_or_create(content_type=content_type, codename="view_outcomes_dashboard",
                                     defaults={"name": "Can view the outcomes dashboard"})
    call_command("demo_activity", weeks=8, stdout=open("/dev/null", "w"))
    sign_in(page, live_server, "manager", "Managers", "view_outcomes_dashboard")
    page.goto(live_server.url + "/admin/outcomes/")
    page.get_by_role("heading", level=1, name="Outcomes").wait_for()
    assert page.get_by_role("img").filter(has_text="Requests each week").count() == 1
    assert page.locator("svg.outcomes-chart").count() == 9
    page.get_by_text("The numbers").first.click()
    expect(page.get_by_role("table").first).to_be_visible()
    page.get_by_label("Service area").select_option(label="Bins and recycling")
    page.get_by_role("button", name="Show").click()
    page.get_by_text("Bins and recycling.").first.wait_for()
    assert_accessible(page)
    assert page.evaluate("window.__cspViolations") == []
    screenshot(page, "outcomes-dashboard", 1280)
