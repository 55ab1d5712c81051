"""Issue 23 in Chromium: customer service take a request for a caller (assisted digital) and then find the
resident's record (one view), at 1280 px; a resident finds their councillor on a phone (390 px). axe and the
form-control checks on each step; nothing wider than the screen."""
import pytest
from django.contrib.auth.models import Group, Permission, User

from casework.models import Channel, RequestArea, Submission
from residents.models import RecordLook

from .page_checks import Watcher, axe_problems
from .test_lookup_tools import COUNCILLORS, checked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-staff-passphrase"


@pytest.fixture
def adviser(browser, live_server, demo_council):
    user = User.objects.create_user("cass", "cass@example.org", PASSWORD, first_name="Cass", last_name="Adviser")
    user.groups.add(customer_service())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("cass")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")
    yield page
    context.close()


def customer_service():
    """The group as the migrations make it (a browser test's live server empties the tables between tests)."""
    group, _ = Group.objects.get_or_create(name="Customer service")
    group.permissions.add(*Permission.objects.filter(codename__in=[
        "access_admin", "add_submission", "view_submission", "change_submission", "view_resident_record"]))
    RequestArea.objects.get_or_create(group=group, area=None)
    return group


def admin_checked(page, watcher):
    """axe, no failed requests or console errors, nothing wider than the screen. (The form-control check is
    for the residents' pages: the admin's icon buttons are Wagtail's, named for screen readers.)"""
    page.wait_for_load_state()
    page.locator("h1").first.wait_for()
    problems = watcher.take() + axe_problems(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    assert not problems, "\n".join(problems)


def test_a_caller_s_request_is_taken_and_their_record_found(adviser, live_server):
    page, watcher = adviser, Watcher(adviser)
    page.get_by_role("link", name="New request for a resident").click()
    admin_checked(page, watcher)
    page.get_by_label("Find the form").fill("missed bin")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Report a missed bin collection").click()
    page.get_by_label("How did the resident contact us?").select_option(Channel.PHONE)
    page.get_by_label("Your postcode").fill("not a postcode")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Enter a real postcode, like WM1 1AA").wait_for()
    assert page.get_by_label("Your postcode").input_value() == "not a postcode"
    admin_checked(page, watcher)

    page.get_by_label("Your postcode").fill("WM1 1AA")
    page.get_by_label("First line of your address").fill("1 Market Street")
    page.get_by_label("Recycling (blue bin)").check()
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Yes").check()
    page.get_by_label("Email address").fill("caller@example.org")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Check the answers with the resident").wait_for()
    admin_checked(page, watcher)
    page.get_by_role("button", name="Send the request").click()

    page.get_by_role("heading", name="Request sent").wait_for()
    submission = Submission.objects.get()
    assert page.get_by_text(submission.reference).first.is_visible()
    assert (submission.channel, submission.taken_by.username) == (Channel.PHONE, "cass")
    admin_checked(page, watcher)

    page.get_by_role("link", name="Find a resident").click()
    page.get_by_label("Email address, phone number, postcode or request reference").fill(submission.reference)
    page.get_by_label("Why are you looking?").fill("The caller rang back about it")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=f"{submission.reference}: Report a missed bin collection").wait_for()
    assert RecordLook.objects.get().reason == "The caller rang back about it"
    admin_checked(page, watcher)


def test_find_your_councillor_on_a_phone(browser, live_server, demo_council):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    watcher = Watcher(page)
    page.goto(live_server.url + COUNCILLORS)
    checked(page, watcher)
    page.get_by_label("Postcode").fill("wm1 1aa")
    page.get_by_role("button", name="Find councillors").click()
    page.get_by_role("heading", name="Your ward is Town Centre").wait_for()
    assert page.get_by_role("heading", name="Anne Carter").is_visible()
    assert page.get_by_role("link", name="cllr.anne.carter@example.org").get_attribute("href") == \
        "mailto:cllr.anne.carter@example.org"
    checked(page, watcher)
    context.close()
