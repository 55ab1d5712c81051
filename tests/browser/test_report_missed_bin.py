"""End to end: a resident reports a missed bin, makes a mistake, fixes it, tracks the request, and
sees a status change made by staff. The live server runs in this process, so emails land in mail.outbox."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from casework.models import Submission
from casework.status import change_status

from .test_accessibility import AXE_OPTIONS, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)


def test_report_a_missed_bin_then_track_it(page, live_server):
    mail.outbox.clear()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Bins and recycling").first.click()
    page.get_by_role("link", name="Report a missed bin collection").first.click()
    page.get_by_role("button", name="Start now").click()

    # A mistake first: the error summary links to the field, and what was typed is kept
    page.get_by_label("Your postcode").fill("WM1")
    page.get_by_label("First line of your address").fill("12 Riverside Road")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a real postcode, like WM1 1AA" in summary.inner_text()
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert page.get_by_label("First line of your address").input_value() == "12 Riverside Road"
    assert_accessible(page)
    summary.get_by_role("link", name="Enter a real postcode, like WM1 1AA").click()
    page.get_by_label("Your postcode").fill("wm1 1aa")
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Recycling (blue bin)").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Day", exact=True).fill("3")
    page.get_by_label("Month", exact=True).fill("11")
    page.get_by_label("Year", exact=True).fill("2025")
    page.get_by_role("button", name="Continue").click()
    assert "Was your bin out by 7am?" in page.locator("main").inner_text(), page.locator("main").inner_text()
    page.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # "Anything else" is optional
    page.get_by_label("Email address").fill("resident@example.com")
    page.get_by_role("button", name="Continue").click()

    # Check your answers
    expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()
    answers = page.locator(".govuk-summary-list").inner_text()
    assert "WM1 1AA" in answers and "Recycling (blue bin)" in answers and "3 November 2025" in answers
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()

    # Confirmation with the reference
    expect(page.locator(".govuk-panel--confirmation")).to_be_visible()
    reference = page.locator("[data-reference]").inner_text().strip()
    assert re.fullmatch(r"WM-[A-Z2-9]{4}-[A-Z2-9]{2}", reference)
    assert any(reference in m.body and m.to == ["resident@example.com"] for m in mail.outbox)

    # Track it without an account
    page.get_by_role("link", name="Track a request").first.click()
    assert_accessible(page)
    page.get_by_label("Reference number").fill(reference.lower())
    page.get_by_label("Email address").fill("resident@example.com")
    page.get_by_role("button", name="Track request").click()
    assert page.locator("[data-status]").inner_text() == "Received"
    assert "We will collect your bin within 2 working days." in page.content()  # the form's service standard
    assert_accessible(page)

    # Staff mark it done; the resident sees it and gets an email
    submission = Submission.objects.get(reference=reference)
    change_status(submission, None, "done", "We collected your bin on Tuesday.")
    page.goto(live_server.url + "/track/")
    page.get_by_label("Reference number").fill(reference)
    page.get_by_label("Email address").fill("resident@example.com")
    page.get_by_role("button", name="Track request").click()
    assert page.locator("[data-status]").inner_text() == "Done"
    assert "We collected your bin on Tuesday." in page.locator(".wm-history").inner_text()
    status_emails = [m for m in mail.outbox if reference in m.subject and "Done" in m.subject]
    assert len(status_emails) == 1 and status_emails[0].to == ["resident@example.com"]


@pytest.mark.parametrize("path", ["/bins-and-recycling/report-a-missed-bin/start/", "/account/sign-up/"])
def test_form_and_account_pages_have_no_axe_violations(page, live_server, path):
    page.goto(live_server.url + path)
    assert_accessible(page)
