"""End to end in a real browser: an editor's change goes through the whole workflow and is published.

Playwright's sync API cannot start while another sync Playwright (tests/browser's session-wide browser)
is open in the same thread, so, like tests/search/test_browser.py, the browser runs in its own thread;
the database is read in the test's thread.
"""

import os
import re
import threading
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect, sync_playwright
from wagtail.models import GroupPagePermission, Page

from casework.models import Notification
from cms_pages.models import TaskPage
from governance.models import PublicationRecord, WordToAvoid
from governance.workflow import assign_to_governed_pages
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import reload_demo_council, westmere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_SUMMARY = "Pay your Council Tax online with a debit card. It takes about 5 minutes."


@pytest.fixture
def demo_council(transactional_db):
    """The live server's tests empty the database after each test: load the council and workflow again."""
    reload_demo_council()
    assign_to_governed_pages()


def in_browser(steps):
    errors = []

    def target():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.set_default_timeout(20000)
                    steps(page)
                finally:
                    browser.close()
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)

    thread = threading.Thread(target=target, name="governance-browser-test")
    thread.start()
    thread.join(timeout=300)
    assert not thread.is_alive(), "the browser steps did not finish"
    if errors:
        raise errors[0]


def test_a_page_goes_through_customer_tested_publishing(live_server, demo_council, django_user_model):
    django_user_model.objects.create_superuser("moderator", "moderator@example.org", "westmere-test")
    task_page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    url = live_server.url

    def steps(page):
        page.goto(url + "/admin/login/")
        page.get_by_label("Username").fill("moderator")
        page.get_by_label("Password").fill("westmere-test")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/admin/$"))

        # 1. The editor changes the page and submits it for customer testing: the admin says so in those words,
        # not Wagtail's "moderation" (issue 20).
        page.goto(f"{url}/admin/pages/{task_page.pk}/edit/")
        page.locator("#id_summary").fill(NEW_SUMMARY)
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Customer-tested publishing").click()
        expect(page.get_by_text("has been submitted for customer testing").first).to_be_visible()
        page.goto(f"{url}/admin/pages/{task_page.get_parent().pk}/")
        row = page.get_by_role("row").filter(has_text=task_page.title)
        expect(row.first).to_contain_text(re.compile(r"live \+ in customer testing", re.I))
        expect(page.get_by_text(re.compile("moderation", re.I))).to_have_count(0)

        # 2. The plain-English check passed by itself; the focus-group test is waiting for results.
        page.goto(f"{url}/admin/governance/pages/{task_page.pk}/")
        expect(page.get_by_test_id("plain-english-result")).to_have_text(re.compile("Passes"))
        expect(page.get_by_test_id("focus-group-result")).to_contain_text("not passed yet")

        # 3. Record a focus-group session that meets the thresholds.
        page.get_by_role("link", name="Record a focus-group session").click()
        page.get_by_role("spinbutton", name="Participants").fill("6")
        page.locator("#id_ease_rating").fill("4.5")
        page.locator("#id_task_results-0-task").fill("Pay this year's bill")
        page.locator("#id_task_results-0-completed_without_help").fill("5")
        page.locator("#id_task_results-0-average_seconds").fill("95")
        page.get_by_role("textbox", name="Findings").fill("Five of six paid without help.")
        page.get_by_role("button", name=re.compile(r"^(Create|Save)$")).first.click()
        expect(page.get_by_text("created", exact=False).first).to_be_visible()
        page.goto(f"{url}/admin/governance/pages/{task_page.pk}/")
        expect(page.get_by_test_id("focus-group-result")).to_contain_text("Focus-group test passed")

        # 4. The service owner approves, which publishes the page.
        page.goto(f"{url}/admin/pages/{task_page.pk}/edit/")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Approve", exact=True).click()
        expect(page.get_by_text("has been updated").first).to_be_visible()
        page.goto(url + "/council-tax/pay/")
        expect(page.get_by_text(NEW_SUMMARY).first).to_be_visible()

    in_browser(steps)

    task_page.refresh_from_db()
    assert task_page.summary == NEW_SUMMARY
    assert not task_page.has_unpublished_changes
    assert task_page.focus_group_sessions.get().participants == 6


SHOTS = os.environ.get("GOVERNANCE_SCREENSHOTS")  # a folder: save screenshots of the admin screens there
POMPOUS = "Utilise this facility in order to facilitate the notification of non-collection of receptacles."
URGENT = "Collections are a day late this week after the storm. Tell us if we have still not emptied your bin."
REASON = "The storm moved every collection by a day and residents are reporting bins that are not late."


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def emergency_publisher(django_user_model):
    """The migrations' groups and words to avoid are gone after a live server's flush: make them again."""
    group, _ = Group.objects.get_or_create(name="Emergency publishers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="publish_in_emergency"),
        Permission.objects.get(codename="view_governance_reports"),
    )
    GroupPagePermission.objects.get_or_create(
        group=group, page=Page.objects.get(depth=1), permission=Permission.objects.get(codename="change_page")
    )
    WordToAvoid.objects.get_or_create(phrase="utilise", defaults={"suggestion": "use"})
    WordToAvoid.objects.get_or_create(phrase="facilitate", defaults={"suggestion": "help"})
    user = django_user_model.objects.create_user("emergency", "emergency@example.org", "westmere-test")
    user.groups.add(group)
    owner = django_user_model.objects.create_user("bins-owner", "bins.owner@example.org", "westmere-test")
    owner.groups.add(Group.objects.get(name="Service owners"))
    return user


def test_an_emergency_publisher_publishes_with_a_reason_at_1280px(live_server, demo_council, emergency_publisher):
    task_page = TaskPage.objects.get(**westmere("/bins-and-recycling/report-a-missed-bin/"))
    url = live_server.url

    def steps(page):
        page.goto(url + "/admin/login/")
        page.get_by_label("Username").fill("emergency")
        page.get_by_label("Password").fill("westmere-test")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        expect(page.get_by_test_id("tested-share")).to_contain_text("0%")
        shot(page, "dashboard-before")

        # While writing, the Checks side panel shows the plain-English problems of the words in the form.
        page.goto(f"{url}/admin/pages/{task_page.pk}/edit/")
        expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
        page.locator("#id_summary").fill(POMPOUS)
        page.get_by_role("button", name="Toggle checks").click()
        result = page.get_by_test_id("draft-check-result")
        expect(result).to_contain_text("Does not pass yet")
        expect(result.locator("mark", has_text="Utilise")).to_be_visible()
        shot(page, "editor-checks-panel")
        page.locator("#id_summary").fill(URGENT)
        expect(result).not_to_contain_text("Words to avoid: 1")

        # The emergency route: the draft is saved, then a reason is asked for.
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Publish in an emergency…").click()
        page.wait_for_url(re.compile(r"/emergency-publish/$"))
        expect(page.get_by_test_id("emergency-plain-english")).to_contain_text("Passes")
        page.get_by_role("button", name="Publish without customer testing").click()
        expect(page.get_by_text("This field is required.")).to_be_visible()
        shot(page, "emergency-form-error")
        page.get_by_label("Why must this go live before customer testing?").fill(REASON)
        shot(page, "emergency-form")
        page.get_by_role("button", name="Publish without customer testing").click()
        expect(page.get_by_text("published without customer testing", exact=False).first).to_be_visible()
        expect(page.get_by_role("link", name="Published without customer testing")).to_be_visible()
        shot(page, "listing-marked")

        page.goto(f"{url}/admin/governance/pages/{task_page.pk}/")
        expect(page.get_by_test_id("testing-status")).to_contain_text("Published without customer testing")
        expect(page.get_by_test_id("testing-status")).to_contain_text(REASON)
        shot(page, "customer-testing-view")

        page.goto(f"{url}/admin/governance/reports/needs-retesting/")
        expect(page.get_by_text(REASON, exact=False).first).to_be_visible()
        shot(page, "retesting-report")
        page.goto(f"{url}/admin/pages/{task_page.pk}/history/")
        expect(page.get_by_text(REASON, exact=False).first).to_be_visible()
        shot(page, "history")
        page.goto(url + "/bins-and-recycling/report-a-missed-bin/")
        expect(page.get_by_text(URGENT).first).to_be_visible()

    in_browser(steps)

    record = PublicationRecord.objects.get(page=task_page, route="emergency")
    assert record.reason == REASON and record.user.username == "emergency"
    assert Notification.objects.filter(to_email="bins.owner@example.org", subject__contains=task_page.title).exists()
