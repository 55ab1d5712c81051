"""Find a place in Chromium on a phone (issue 26): a postcode puts the nearest first, without JavaScript too, and
the page passes axe."""
import pytest
from playwright.sync_api import expect

from .test_garden_waste import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False])
def test_the_nearest_recycling_centre_comes_first(browser, live_server, demo_council, javascript):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/find/")
        page.get_by_role("link", name="Find recycling centres").click()
        page.get_by_label("Postcode").fill("WM4 6BR")
        page.get_by_role("button", name="Show recycling centres").click()
        expect(page.get_by_role("heading", level=2, name="2 recycling centres, nearest first")).to_be_visible()
        first = page.locator(".govuk-summary-card__title").first
        expect(first).to_contain_text("Eastbrook recycling centre")
        if javascript:
            assert_accessible(page)
        screenshot(page, f"find-recycling-{'js' if javascript else 'nojs'}", 390)
    finally:
        context.close()
