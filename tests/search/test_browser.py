"""In a real browser: the results page passes axe (WCAG 2.2 AA), works without JavaScript, and the
suggestions combobox works with the keyboard and tells screen readers what is happening."""
import os
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import reload_demo_council

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTOCOMPLETE_JS = Path(__file__).resolve().parents[2] / "site" / "frontend" / "js" / "search-autocomplete.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture
def demo_site(transactional_db):
    """Live-server tests are transactional (the database is emptied after each): load the council again.
    Its pages are in the search index as at the start."""
    reload_demo_council()


@pytest.fixture
def browse(live_server, demo_site):
    """browse(check, width=390, javascript=True): run check(page) in a fresh chromium.

    Playwright's sync API refuses to start while another instance runs in the same thread, and the
    session-wide browser of tests/browser stays open until the end of the run, so each check runs in a
    thread of its own (the pages only talk to the live server, never to the database directly)."""

    def run(check, width=390, javascript=True):
        outcome = {}

        def target():
            from playwright.sync_api import sync_playwright

            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    try:
                        context = browser.new_context(
                            viewport={"width": width, "height": 900}, java_script_enabled=javascript
                        )
                        page = context.new_page()
                        page.set_default_timeout(15000)
                        check(page)
                    finally:
                        browser.close()
            except BaseException as error:  # noqa: B036 - handed back to the test's thread
                outcome["error"] = error

        assert os.path.exists(CHROMIUM), "Browser tests need Debian's chromium: apt-get install chromium"
        thread = threading.Thread(target=target, name="search-browser-test")
        thread.start()
        thread.join(timeout=300)
        assert not thread.is_alive(), "the browser check did not finish"
        if "error" in outcome:
            raise outcome["error"]

    return run


def axe_violations(page):
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


def test_search_pages_have_no_axe_violations_on_a_phone_and_a_desktop(browse, live_server):
    """Results, no results and a corrected spelling; one browser per width (the demo reloads per test)."""
    paths = ["/search/?q=bins", "/search/?q=xylophone+zeppelin", "/search/?q=bin+colection"]

    for width in (390, 1280):

        def check(page, width=width):
            for path in paths:
                page.goto(live_server.url + path)
                assert page.get_by_role("heading", level=1).inner_text() == "Search results"
                violations = axe_violations(page)
                assert not violations, f"{path} at {width}px:\n{violations}"

        browse(check, width=width)


def test_search_results_and_pages_work_without_javascript(browse, live_server):
    def check(page):
        page.goto(live_server.url + "/")
        page.get_by_label("Search the website").fill("report a missed bin")
        page.get_by_label("Search the website").press("Enter")
        page.wait_for_url("**/search/?q=report+a+missed+bin")
        page.get_by_role("link", name="Report a missed bin collection").first.click()  # via /search/click/
        page.wait_for_url(live_server.url + "/bins-and-recycling/report-a-missed-bin/")
        assert page.get_by_role("button", name="Start now").is_visible()

        page.goto(live_server.url + "/search/?q=bin")
        page.get_by_role("link", name="Next page").click()
        assert "page 2 of" in page.locator("#search-result-count").inner_text()
        assert page.get_by_role("link", name="Page 2").get_attribute("aria-current") == "page"

    browse(check, javascript=False)


def add_autocomplete(page):
    """The page's own script (the built dist/init.js) enhances the search boxes: wait for it. (Injecting the
    source here once hid that the build never shipped the module.)"""
    page.wait_for_selector("input[data-autocomplete-ready]", state="attached")


def test_suggestions_work_with_the_keyboard_and_screen_readers(browse, live_server):
    def check(page):
        page.goto(live_server.url + "/")
        add_autocomplete(page)
        box = page.get_by_role("combobox", name="Search the website")
        assert box.get_attribute("aria-expanded") == "false"
        box.press_sequentially("bin c", delay=30)
        listbox = page.get_by_role("listbox")
        listbox.wait_for(state="visible")
        assert box.get_attribute("aria-expanded") == "true"
        options = page.get_by_role("option")
        assert "Find your bin collection day" in options.all_inner_texts()
        assert "suggestions available" in page.locator("[role=status]").filter(has_text="suggestion").inner_text()
        assert not axe_violations(page)

        box.press("ArrowDown")
        first = options.nth(0)
        assert first.get_attribute("aria-selected") == "true"
        assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
        assert page.evaluate("document.activeElement.id") == box.get_attribute("id")  # focus stays in the box
        box.press("ArrowDown")
        assert options.nth(1).get_attribute("aria-selected") == "true"
        assert first.get_attribute("aria-selected") == "false"
        box.press("ArrowUp")
        box.press("ArrowUp")  # back to the text
        assert box.get_attribute("aria-activedescendant") is None
        box.press("Escape")
        assert box.get_attribute("aria-expanded") == "false" and not listbox.is_visible()

        box.press("ArrowDown")
        chosen = options.nth(0).inner_text()
        with page.expect_navigation():
            box.press("Enter")
        assert page.get_by_role("heading", level=1).inner_text() == chosen

        # Enter without choosing a suggestion submits the search as usual.
        page.goto(live_server.url + "/")
        add_autocomplete(page)
        box = page.get_by_role("combobox", name="Search the website")
        box.press_sequentially("tip", delay=30)
        page.get_by_role("listbox").wait_for(state="visible")
        box.press("Enter")
        page.wait_for_url("**/search/?q=tip")
        assert page.get_by_role("link", name="Household waste recycling centres").first.is_visible()

    browse(check, width=1280)


def test_site_loads_the_suggestions_module():
    init = (AUTOCOMPLETE_JS.parent / "init.js").read_text()
    assert "from './search-autocomplete.js'" in init  # bundled into dist/init.js by the front-end build
