"""The Resident feedback dashboard in a real browser: text meant for screen readers only is hidden from sight
(it used a class Wagtail 8 no longer has, so "Action" and long button labels showed), on a phone too."""
import re

import pytest
from django.contrib.auth.models import User

from cms_pages.models import TaskPage
from feedback.services import record_chat_answer_feedback, record_service_comment

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("width", [390, 1280])
def test_screen_reader_text_on_the_dashboard_is_out_of_sight(browser, live_server, demo_council, width):
    User.objects.create_superuser("dash-admin", "dash-admin@example.org", "a-long-admin-passphrase")
    record_service_comment("complaint", "Missed three weeks running", service_area="/bins-and-recycling/")
    record_chat_answer_feedback("conversation-1", TaskPage.objects.get(url_path__endswith="/council-tax/pay/"), True)
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
    assert page.get_by_role("link", name=re.compile(r"^Edit the chat answer\s+of \/council-tax\/pay\/$")).count() == 1
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
