"""The Resident feedback dashboard in a real browser: text meant for screen readers only is hidden from sight
(it used a class Wagtail 8 no longer has, so "Action" and long button labels showed), on a phone too."""
import re

import pytest
from django.contrib.auth.models import User

from cms_pages.models import TaskPage
from feedback.services import record_chat_answer_feedback, record_service_comment
from tests.conftest import westmere

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("width", [390, 1280])
def test_screen_reader_text_on_the_dashboard_is_out_of_sight(browser, live_server, demo_council, width):
    User.objects.create_superuser("dash-admin", "dash-admin@example.org", "a-long-admin-passphrase")
    record_service_comment("complaint", "Missed three weeks running", service_area="/bins-and-recycling/")
    record_chat_answer_feedback("conversation-1", TaskPage.objects.get(**westmere("/council-tax/pay/")), True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("dash-admin")
    page.get_by_label("Password").fill("a-long-admin-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    page.goto(live_server.url + "/admin/resident-feedback/")
    # Screen readers still get the whole label.
    page.get_by_role("button", name=re.compile(r"^Mark dealt with\s*: Missed three weeks running$")).wait_for()
    assert page.get_by_role("link", name=re.compile(r"^Edit the chat answer\s+of Pay your Council Tax$")).count() == 1
    hidden = page.locator(".w-sr-only")
    assert hidden.count() >= 3
    for box in (hidden.nth(i).bounding_box() for i in range(hidden.count())):
        assert box is None or (box["width"] <= 1 and box["height"] <= 1)
    # Every button's label is whole and on the screen, on a phone too (a long one was cut off at 390 px).
    buttons = page.locator(".wm-fb .button")
    assert buttons.count() >= 3
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        clipped = buttons.nth(i).evaluate("b => b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight")
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and not clipped, buttons.nth(i).inner_text()
    context.close()


def test_rows_are_named_by_page_title_and_a_wrong_answer_is_filed_under_its_page(browser, live_server, demo_council):
    # Issue 20: the home page's row said "/", a task page and its form looked the same, and a question answered
    # with Garden waste was filed under "No service area" and "/".
    from assistant.models import UnansweredQuestion
    from feedback.services import record_page_feedback

    User.objects.create_superuser("dash-titles", "dash-titles@example.org", "a-long-admin-passphrase")
    missed_bin = TaskPage.objects.get(**westmere("/report-a-missed-bin/"))
    garden = TaskPage.objects.get(**westmere("/garden-waste/"))
    for path in ("/", "/bins-and-recycling/report-a-missed-bin/", "/bins-and-recycling/report-a-missed-bin/start/"):
        record_page_feedback(path, False)
    UnansweredQuestion.objects.create(text="how do I get rid of a sofa", page_url="/",
                                      intent=UnansweredQuestion.NOT_HELPFUL_PREFIX + garden.chat_key)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("dash-titles")
    page.get_by_label("Password").fill("a-long-admin-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    page.goto(live_server.url + "/admin/resident-feedback/")
    useful = page.locator("table").first.locator("xpath=ancestor::div[contains(@class,'wm-fb')]")
    names = [name.strip() for name in useful.locator("td:first-child a").all_inner_texts()]
    assert "Home" in names and "/" not in names
    assert missed_bin.title in names and f"{missed_bin.title} — online form" in names
    question = page.get_by_role("row", name=re.compile("how do I get rid of a sofa"))
    assert re.search(f"Answered with {garden.title}: the resident said it did not help. Asked on Home",
                     question.inner_text())
    heading = question.locator("xpath=ancestor::table/preceding-sibling::h3[1]")
    assert heading.inner_text() == "Bins and recycling"
    context.close()
