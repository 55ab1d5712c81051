"""The A to Z of services in Chromium on a phone (issue 26): the letter index takes the resident to the letter
without JavaScript, and the page passes axe."""
import pytest
from playwright.sync_api import expect

from .test_garden_waste import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False])
def test_the_letter_index_leads_to_the_letter(browser, live_server, demo_council, javascript):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("link", name="A to Z of services").click()
        expect(page.get_by_role("heading", level=1, name="A to Z of services")).to_be_visible()
        page.get_by_role("navigation", name="Letters").get_by_role("link", name="Services starting with R").click()
        expect(page).to_have_url(live_server.url + "/a-to-z/#letter-r")
        expect(page.get_by_role("link", name="Report a missed bin collection")).to_be_in_viewport()
        if javascript:
            assert_accessible(page)
        screenshot(page, f"a-to-z-{'js' if javascript else 'nojs'}", 390)
    finally:
        context.close()
