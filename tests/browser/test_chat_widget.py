"""The chat widget: keyboard use, a deep link that asks a question, and a safe fallback when the bot is down."""
import pytest
from django.test import override_settings

pytestmark = [pytest.mark.browser]


@override_settings(RASA_URL="http://127.0.0.1:9")  # no bot: the widget must still help
def test_deep_link_opens_the_widget_asks_and_falls_back_to_contact_us(page, live_server):
    page.goto(live_server.url + "/?ask=when+is+my+bin+day")
    log = page.get_by_role("log")
    log.get_by_text("when is my bin day").wait_for()
    assert page.get_by_text("This is an automated assistant, not a person").is_visible()
    log.get_by_text("01632 960000").wait_for()  # the web app's "call us" message
    assert log.get_by_role("link", name="Contact us").count() >= 1
    assert "ask=" not in page.url  # a reload does not ask again


def test_widget_opens_and_closes_with_the_keyboard(page, live_server):
    page.goto(live_server.url + "/council-tax/")
    toggle = page.get_by_role("button", name="Chat with our assistant")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_label("Type your question").evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("el => el === document.activeElement")
