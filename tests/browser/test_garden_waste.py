"""In Chromium, on a phone and on a desktop: a resident on Council Tax Support signs up for 2 brown bins and is
charged the price the page states (issue 20), answering a real Yes/No question, and the confirmation says once
that they have paid and gives the page's one timescale. Screenshots of the question and the confirmation go to
BROWSER_SCREENSHOTS (a folder) when it is set."""
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from casework.models import Submission

from .test_accessibility import AXE_OPTIONS, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)


def screenshot(page, name, width):
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


def continue_(page):
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("width", [390, 1280])
def test_garden_waste_with_council_tax_support_is_charged_what_the_page_says(browser, live_server, demo_council,
                                                                             width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(live_server.url + "/bins-and-recycling/garden-waste/")
        cost = page.locator(".wm-task-facts").inner_text()
        assert "£52 a year for each brown bin, or £40 if you get Council Tax Support." in cost
        page.get_by_role("button", name="Start now").click()

        page.get_by_label("Your postcode").fill("WM1 1AA")
        page.get_by_label("First line of your address").fill("12 Riverside Road")
        continue_(page)
        page.get_by_role("radio", name="New subscription").check()
        continue_(page)
        screenshot(page, "garden-waste-how-many-bins", width)
        page.get_by_role("radio", name="2 bins: £104 a year (£80 if you get Council Tax Support)").check()
        continue_(page)

        # The concession is a question, with a hint, answered Yes or No
        question = page.get_by_role("group", name="Do you get Council Tax Support?")
        expect(question).to_be_visible()
        assert "low income" in question.locator(".govuk-hint").inner_text()
        assert question.get_by_role("radio").count() == 2
        assert_accessible(page)
        screenshot(page, "garden-waste-council-tax-support", width)
        continue_(page)  # no answer: a GOV.UK error, nothing charged yet
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        errors = page.locator(".govuk-error-summary").inner_text()
        assert "Select an answer to ‘Do you get Council Tax Support?’" in errors
        question.get_by_role("radio", name="Yes").check()
        continue_(page)

        have_a_bin = page.get_by_role("group", name="Do you already have a brown bin?")
        expect(have_a_bin).to_be_visible()
        have_a_bin.get_by_role("radio", name="Yes").check()
        continue_(page)
        page.get_by_label("Email address").fill("resident@example.com")
        continue_(page)

        expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()
        check = page.locator("main").inner_text()
        assert re.search(r"Do you get Council Tax Support\?\s+Yes", check) and "2 bins" in check
        assert "You need to pay £80." in check
        screenshot(page, "garden-waste-check-your-answers", width)
        page.get_by_role("button", name="Continue to payment").click()
        expect(page.get_by_role("button", name="Pay £80 (demo)")).to_be_visible()
        page.get_by_role("button", name="Pay £80 (demo)").click()

        expect(page.locator(".govuk-panel--confirmation")).to_be_visible()
        main = page.locator("main").inner_text()
        assert "You have paid £80." in main
        assert set(re.findall(r"\d+ working days", main)) == {"10 working days"}
        assert "payment is complete" not in main and "payment has been received" not in main
        assert Submission.objects.get().amount_pence == 8000
        assert_accessible(page)
        screenshot(page, "garden-waste-confirmation", width)
    finally:
        context.close()
