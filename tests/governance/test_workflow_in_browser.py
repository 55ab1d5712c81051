"""End to end in a real browser: an editor's change goes through the whole workflow and is published.

Playwright's sync API cannot start while another sync Playwright (tests/browser's session-wide browser)
is open in the same thread, so, like tests/search/test_browser.py, the browser runs in its own thread;
the database is read in the test's thread.
"""

import os
import re
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

from cms_pages.models import TaskPage
from governance.workflow import assign_to_governed_pages
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_SUMMARY = "Pay your Council Tax online with a debit card. It takes about 5 minutes."


@pytest.fixture
def demo_council(transactional_db):
    """The live server's tests empty the database after each test: load the council and workflow again."""
    from django.core.management import call_command

    from cms_pages.models import HomePage

    if not HomePage.objects.exists():
        call_command("load_demo_council", stdout=open(os.devnull, "w"))
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
    task_page = TaskPage.objects.get(url_path__endswith="/council-tax/pay/")
    url = live_server.url

    def steps(page):
        page.goto(url + "/admin/login/")
        page.get_by_label("Username").fill("moderator")
        page.get_by_label("Password").fill("westmere-test")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/admin/$"))

        # 1. The editor changes the page and submits it for moderation.
        page.goto(f"{url}/admin/pages/{task_page.pk}/edit/")
        page.locator("#id_summary").fill(NEW_SUMMARY)
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Customer-tested publishing").click()
        expect(page.get_by_text("has been submitted for moderation").first).to_be_visible()

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
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
        expect(page.get_by_text("has been updated").first).to_be_visible()
        page.goto(url + "/council-tax/pay/")
        expect(page.get_by_text(NEW_SUMMARY).first).to_be_visible()

    in_browser(steps)

    task_page.refresh_from_db()
    assert task_page.summary == NEW_SUMMARY
    assert not task_page.has_unpublished_changes
    assert task_page.focus_group_sessions.get().participants == 6
