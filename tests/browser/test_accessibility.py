"""WCAG 2.2 AA: the site works without JavaScript. axe runs on every page, at 390 and 1280 px, in
test_every_page.py; AXE_OPTIONS and describe() are shared with the journey tests."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


def test_site_works_without_javascript(browser, live_server, demo_council):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Bins and recycling").first.click()
    page.get_by_role("link", name="Report a missed bin collection").first.click()
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    assert page.get_by_role("link", name="Contact us").first.is_visible()
    context.close()
