"""The page script as served (the built, bundled dist/init.js): search suggestions in all three search
boxes with the keyboard, on a phone and a desktop, and "Is this page useful?" answered in place."""
import re

import pytest

from .page_checks import Watcher

pytestmark = [pytest.mark.browser]

SEARCH_BOXES = {
    "home page": ("/", "home-search"),
    "search page": ("/search/", "search-page-q"),
    "header": ("/council-tax/", "header-search"),
}
WANTED = "Find your bin collection day"


def test_suggestions_are_chosen_with_the_arrow_keys_and_enter(browser, live_server, demo_council, subtests):
    for width in (390, 1280):
        for place, (path, box_id) in SEARCH_BOXES.items():
            with subtests.test(msg=f"{place} at {width}px"):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.set_default_timeout(15000)
                watcher = Watcher(page)
                page.goto(live_server.url + path)
                box = page.locator(f"#{box_id}")
                assert box.is_visible()
                page.wait_for_selector(f"#{box_id}[role=combobox]")  # enhanced by the bundle, not by the test
                box.click()
                box.press_sequentially("bin d", delay=40)

                listbox = page.locator(f"#{box_id}-suggestions")
                listbox.wait_for(state="visible")
                assert box.get_attribute("aria-expanded") == "true"
                titles = listbox.get_by_role("option").all_inner_texts()
                assert WANTED in titles, titles
                status = page.locator(f"#{box_id}").locator("xpath=..").locator("[role=status]")
                assert status.inner_text() in (f"{len(titles)} suggestions available.", "1 suggestion available.")

                for _ in range(titles.index(WANTED) + 1):
                    box.press("ArrowDown")
                chosen = page.locator(f"#{box.get_attribute('aria-activedescendant')}")
                assert chosen.inner_text() == WANTED and chosen.get_attribute("aria-selected") == "true"
                assert page.evaluate("document.activeElement.id") == box_id  # focus stays in the box
                with page.expect_navigation():
                    box.press("Enter")
                assert page.url == live_server.url + "/bins-and-recycling/bin-collection-day/"
                assert page.get_by_role("heading", level=1).inner_text() == WANTED
                assert not watcher.take()
                context.close()


def test_page_feedback_thanks_the_resident_without_leaving_the_page(page, live_server):
    watcher = Watcher(page)
    page.goto(live_server.url + "/council-tax/pay/")
    page.wait_for_selector("#wm-chat.wm-chat--enhanced", state="attached")  # the page script has run
    page.get_by_label("What were you trying to do? (optional)").fill("Pay my bill")
    page.get_by_role("button", name=re.compile(r"^Yes\b")).click()
    thanks = page.get_by_role("status").filter(has_text="Thank you")
    thanks.wait_for()
    assert page.url == live_server.url + "/council-tax/pay/"  # answered in place, no reload
    assert thanks.evaluate("el => el === document.activeElement")
    assert not watcher.take()
