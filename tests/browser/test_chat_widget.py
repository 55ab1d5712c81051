"""The chat widget: keyboard use, a deep link that asks a question, and a safe fallback when the bot is down."""
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from playwright.sync_api import expect

from tests.conftest import westmere

from .page_checks import Watcher

pytestmark = [pytest.mark.browser]


@override_settings(RASA_URL="http://127.0.0.1:9")  # no bot: a shared chat link still leads somewhere useful
def test_a_chat_link_while_the_assistant_is_down_shows_the_search_results_for_its_question(page, live_server):
    page.goto(live_server.url + "/?ask=when+is+my+bin+day")
    expect(page).to_have_url(re.compile(r"/search/\?q=when\+is\+my\+bin\+day"))
    assert page.get_by_role("link", name="Find your bin collection day").count() >= 1


def test_a_chat_link_opens_its_answer_page_and_the_widget_asks_it_on_top(page, live_server, demo_council,
                                                                          answering_rasa):
    fake, answered = answering_rasa
    fake.parses["my bin was missed"] = (answered.chat_key, 0.95)
    page.goto(live_server.url + "/?ask=my+bin+was+missed")
    expect(page.get_by_role("heading", level=1, name=answered.title)).to_be_visible()
    log = page.get_by_role("log")
    log.get_by_text("my bin was missed").wait_for()  # the widget opened and asked it
    log.get_by_text("You can report a missed bin online.").wait_for()
    assert page.get_by_text("This is an automated assistant, not a person").is_visible()
    assert f"/ask/{answered.chat_key}/" in page.url and "q=" not in page.url  # a reload does not ask again


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


@pytest.fixture
def answering_rasa(settings):
    """A stand-in Rasa that answers every message with the missed bin page: (the fake, the page)."""
    from cms_pages.models import TaskPage
    from tests.security.fake_rasa import FakeRasa

    cache.clear()  # no open circuit or rate limit left by another test
    page = TaskPage.objects.get(**westmere("/report-a-missed-bin/"))
    fake = FakeRasa()
    fake.reply = [
        {"recipient_id": "x", "text": "You can report a missed bin online."},
        {"recipient_id": "x", "custom": {"links": [{"text": "Report a missed bin", "url": page.url}],
                                         "answer": {"key": page.chat_key}}},
    ]
    settings.RASA_URL = fake.url
    yield fake, page
    fake.close()


@pytest.fixture
def rasa_answers_a_page(answering_rasa):
    return answering_rasa[1]


def ask_about_a_missed_bin(page, live_server):
    """Open the chat on a page, ask, and wait for the stand-in Rasa's answer; returns the chat log."""
    page.goto(live_server.url + "/council-tax/")
    page.get_by_role("button", name="Chat with our assistant").click()
    page.get_by_label("Type your question").fill("my bin was missed")
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    log.get_by_text("You can report a missed bin online.").wait_for()
    return log


@pytest.mark.parametrize("width", [390, 1280])
def test_did_this_answer_help_is_answered_with_the_keyboard_and_remembered(browser, live_server, demo_council,
                                                                          rasa_answers_a_page, width):
    from feedback.models import ChatAnswerFeedback

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    watcher = Watcher(page)
    log = ask_about_a_missed_bin(page, live_server)

    question = log.get_by_role("group", name="Did this answer help?")
    yes = question.get_by_role("button", name="Yes this answer helped")
    assert yes.is_visible() and question.get_by_role("button", name="No this answer did not help").is_visible()
    assert yes.bounding_box()["height"] >= 44  # a finger-sized target
    yes.focus()
    page.keyboard.press("Enter")
    thanks = log.get_by_text("Thank you for your feedback.")
    thanks.wait_for()
    assert thanks.evaluate("el => el === document.activeElement")  # keyboard users keep their place
    assert question.count() == 0
    feedback = ChatAnswerFeedback.objects.get()
    assert feedback.helpful is True and feedback.page_id == rasa_answers_a_page.pk

    page.reload()  # the conversation follows the resident; the answered question is not asked again
    page.get_by_role("log").get_by_text("Thank you for your feedback.").wait_for(state="attached")
    assert page.get_by_role("group", name="Did this answer help?").count() == 0
    page.screenshot(path=f"/tmp/chat-helpful-{width}.png")
    assert not watcher.take()
    context.close()


def test_no_to_did_this_answer_help_tells_the_assistant_too(browser, live_server, demo_council, answering_rasa):
    # The assistant then says sorry, offers a search and a person, and tells editors (action_not_helpful).
    from feedback.models import ChatAnswerFeedback

    fake, _ = answering_rasa

    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    log = ask_about_a_missed_bin(page, live_server)
    log.get_by_role("button", name="No this answer did not help").click()
    log.get_by_text("Thank you for your feedback.").wait_for()
    log.get_by_text("No, that didn't help").wait_for()
    replies = log.locator(".wm-chat__message--bot:not(.wm-chat__message--greeting)")
    expect(replies).to_have_count(2)  # the answer, and the assistant's reply to No
    assert fake.messages == ["my bin was missed", "/not_helpful"]
    assert ChatAnswerFeedback.objects.get().helpful is False
    context.close()


@pytest.fixture
def rasa_asks_did_you_mean(settings):
    from tests.security.fake_rasa import FakeRasa

    cache.clear()
    fake = FakeRasa()
    fake.reply = [{"recipient_id": "x", "text": "Sorry, I'm not sure I understood. Did you mean one of these?",
                   "buttons": [{"title": "Report a noise problem", "payload": "/report_noise"},
                               {"title": "Report dog fouling", "payload": "/report_dog_fouling"},
                               {"title": "Talk to a person", "payload": "/request_human"}]}]
    settings.RASA_URL = fake.url
    yield fake
    fake.close()


def test_a_did_you_mean_button_is_chosen_with_the_keyboard(page, live_server, rasa_asks_did_you_mean):
    page.goto(live_server.url + "/environment/")
    page.get_by_role("button", name="Chat with our assistant").click()
    page.get_by_label("Type your question").fill("the dog next door")
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    choice = log.get_by_role("button", name="Report a noise problem")
    choice.wait_for()
    assert choice.bounding_box()["height"] >= 44  # a finger-sized target on a phone
    choice.focus()
    page.keyboard.press("Enter")
    # The resident sees the title they chose; the bot gets the payload that asks that page's intent.
    log.locator(".wm-chat__message--user", has_text="Report a noise problem").wait_for()
    page.wait_for_function("() => !document.querySelector('.wm-chat--busy')")
    assert rasa_asks_did_you_mean.messages == ["the dog next door", "/report_noise"]


@pytest.mark.parametrize("width, stays_open", [(390, False), (1280, True)])
def test_a_link_followed_from_the_chat_on_a_phone_shows_its_page_not_the_chat(browser, live_server, demo_council,
                                                                             answering_rasa, width, stays_open):
    """On a phone the open chat covers the page: following its link (Start now, a page) opens that page with the
    chat closed, the conversation kept behind the Chat button. On a desktop the chat sits beside the page."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        log = ask_about_a_missed_bin(page, live_server)
        log.get_by_role("link", name="Report a missed bin").click()
        page.wait_for_url("**/report-a-missed-bin/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        toggle = page.get_by_role("button", name="Chat with our assistant")
        assert toggle.get_attribute("aria-expanded") == ("true" if stays_open else "false")
        if not stays_open:
            page.get_by_role("button", name="Start now").click()  # nothing covers it
            toggle.click()
            page.get_by_role("log").get_by_text("my bin was missed").wait_for()  # the conversation is kept
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_an_answer_page_offers_the_chat_only_where_it_can_open(browser, live_server, demo_council, javascript):
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/ask/report_missed_bin/")
        page.get_by_role("link", name="search the website").wait_for()
        assert page.get_by_role("link", name="chat with our assistant").is_visible() == javascript
    finally:
        context.close()


def test_the_chat_says_it_is_not_a_person_and_links_how_it_works(page, live_server):
    page.goto(live_server.url + "/council-tax/")
    page.get_by_role("button", name="Chat with our assistant").click()
    page.get_by_text("This is an automated assistant, not a person").wait_for()
    page.get_by_role("complementary", name="Chat").get_by_role("link", name="How our assistant works").click()
    expect(page.get_by_role("heading", level=1, name="How our assistant works")).to_be_visible()
