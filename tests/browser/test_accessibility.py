"""WCAG 2.2 AA: axe-core finds no violations on each kind of page, on a phone and a desktop."""
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = [
    "/",
    "/bins-and-recycling/",
    "/bins-and-recycling/report-a-missed-bin/",
    "/bins-and-recycling/what-goes-in-which-bin/",
    "/planning-and-building/extend-your-home/",
    "/housing/homelessness/",
    "/contact-us/",
]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_page_has_no_axe_violations(page, live_server, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, describe(violations)


def test_site_works_without_javascript(browser, live_server, demo_council):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Bins and recycling").first.click()
    page.get_by_role("link", name="Report a missed bin collection").first.click()
    assert page.get_by_role("button", name="Start now").is_visible()
    assert page.get_by_role("link", name="Contact us").first.is_visible()
    context.close()
