"""The bin day lookup and the councillor finder in Chromium: on a phone (390 px) with JavaScript switched off,
a resident mistypes their postcode, puts it right, picks their address and reads their bin days; the
councillor finder the same way, with JavaScript, at 1280 px. axe and the form-control checks on each step."""
import re

import pytest
from playwright.sync_api import expect

from .page_checks import Watcher, axe_problems, form_control_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BINS = "/bins-and-recycling/bin-collection-day/"
COUNCILLORS = "/council-and-democracy/find-your-councillor/"


@pytest.fixture
def phone_without_javascript(browser, live_server, demo_council):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_checker(browser, live_server, demo_council):
    """axe and the form-control checks run scripts with timers, which a page without JavaScript never
    fires: each step is checked by opening its address (the same server-rendered page) in this one."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server, demo_council):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def checked(page, watcher, checker=None):
    """No console errors or failed requests, no axe or form-control problems, nothing wider than the screen."""
    problems = watcher.take()
    if checker is not None:
        checker.goto(page.url)
        page = checker
    problems += axe_problems(page) + form_control_problems(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    assert not problems, "\n".join(problems)


def collections(page):
    rows = page.locator("[data-collections] .govuk-summary-list__row")
    return {rows.nth(i).locator("dt").inner_text().strip(): rows.nth(i).locator("dd").inner_text().strip()
            for i in range(rows.count())}


def test_bin_day_lookup_on_a_phone_without_javascript(phone_without_javascript, phone_checker, live_server):
    page = phone_without_javascript
    watcher = Watcher(page)
    page.goto(live_server.url + BINS)
    assert page.get_by_text("Enter your postcode. Then pick your address from the list.").is_visible()
    checked(page, watcher, phone_checker)

    # A mistake: the error summary links to the box, which keeps what was typed
    page.get_by_label("Postcode").fill("WM4 6B")
    page.get_by_role("button", name="Find bin days").click()
    expect(page).to_have_title(re.compile(r"^Error:"))  # waits for the answer, not the page it left
    summary = page.locator(".govuk-error-summary")
    assert "Enter a real postcode, like WM1 1AA" in summary.inner_text()
    assert page.get_by_label("Postcode").input_value() == "WM4 6B"
    checked(page, watcher, phone_checker)
    summary.get_by_role("link", name="Enter a real postcode, like WM1 1AA").click()
    expect(page).to_have_url(re.compile(r"#lookup-postcode$"))

    # The postcode, then the addresses there: Brook Road is on two rounds
    page.get_by_label("Postcode").fill("wm4 6br")
    page.get_by_role("button", name="Find bin days").click()
    expect(page).to_have_url(re.compile(r"postcode=wm4\+6br"))
    expect(page.get_by_role("group", name="Select your address")).to_be_visible()
    checked(page, watcher, phone_checker)
    page.get_by_role("button", name="Show bin days").click()  # nothing picked
    expect(page.locator(".govuk-error-summary").get_by_role("link", name="Select your address")).to_be_visible()
    page.get_by_label("2 Brook Road", exact=True).check()
    page.get_by_role("button", name="Show bin days").click()

    # That address's bins, each with its next date in words
    expect(page).to_have_url(re.compile(r"uprn=\d+"))
    expect(page.get_by_role("heading", name="Your bin collection days")).to_be_visible()
    assert "2 Brook Road, Eastbrook, WM4 6BR" in page.locator("#lookup").inner_text()
    even = collections(page)
    assert set(even) == {"Rubbish (green bin)", "Recycling (blue bin)", "Garden waste (brown bin)",
                         "Food waste (caddy)"}
    assert all(re.match(r"Thursday \d{1,2} [A-Z][a-z]+", when) for when in even.values()), even
    checked(page, watcher, phone_checker)
    bookmark = page.url

    # The other side of the road goes out on another day
    page.get_by_role("link", name="Change address").click()
    page.get_by_label("1 Brook Road", exact=True).check()
    page.get_by_role("button", name="Show bin days").click()
    assert all(when.startswith("Tuesday") for when in collections(page).values())

    # The first answer is a link that can be kept
    page.goto(bookmark)
    assert collections(page) == even


def test_councillor_finder_at_desktop_width(desktop, live_server):
    page = desktop
    watcher = Watcher(page)
    page.goto(live_server.url + COUNCILLORS)
    checked(page, watcher)
    page.get_by_label("Postcode").fill("WM3 2BX")
    page.get_by_role("button", name="Find councillors").click()
    expect(page.get_by_role("heading", name="Your ward is Northgate")).to_be_visible()
    assert page.get_by_role("link", name="cllr.amina.begum@example.org").get_attribute("href") == \
        "mailto:cllr.amina.begum@example.org"
    assert page.get_by_role("link", name="01632 960401").get_attribute("href") == "tel:01632960401"
    checked(page, watcher)

    page.get_by_role("link", name="Check another postcode").click()
    page.get_by_label("Postcode").fill("WM4 6BR")
    page.get_by_role("button", name="Find councillors").click()
    page.get_by_label("2 Brook Road", exact=True).check()
    checked(page, watcher)
    page.get_by_role("button", name="Find councillors").click()
    expect(page.get_by_role("heading", name="Your ward is Southfields")).to_be_visible()
    assert page.get_by_role("heading", name="Karen Singh").is_visible()
    checked(page, watcher)
