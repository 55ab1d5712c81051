"""Resident feedback > Chat transcripts in a real browser, on a phone and a desktop: the list and a conversation
fit the screen (nothing wider than it), the turns read in order with who said them, and axe finds nothing.

SCREENSHOT_DIR=/some/folder keeps a screenshot of each page and width there, to look at."""
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from assistant.models import ChatTranscript

from .page_checks import Watcher, axe_problems

pytestmark = [pytest.mark.browser]
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"


def conversations():
    now = timezone.now()
    turns = [
        {"sender": "user", "text": "my bin wasn't emptied on Tuesday", "timestamp": 1700000001.0},
        {"sender": "bot", "timestamp": 1700000002.0,
         "text": "You can report a missed bin online. Tell us within 2 working days.\n"
                 "Start now: /bins-and-recycling/report-a-missed-bin/start/"},
        {"sender": "user", "text": "it was the brown one", "timestamp": 1700000030.0},
        {"sender": "bot", "text": "Sorry, I'm not sure I understood. These pages might help: Garden waste "
                                  "collections: /bins-and-recycling/garden-waste/", "timestamp": 1700000031.0},
        {"sender": "user", "text": "thatsnotwhatiaskedatallandthisisaverylongwordwithnospacesinitwhatsoever",
         "timestamp": 1700000050.0},
        {"sender": "user", "text": "call me on [phone]", "timestamp": 1700000060.0},
    ]
    ChatTranscript.objects.create(sender_id="browser-conversation-1", said_no=True, handed_off=True,
                                          rephrased=True, page_url=MISSED_BIN, turns=turns, updated_at=now)
    ChatTranscript.objects.create(sender_id="browser-conversation-2", rephrased=True, page_url="/",
                                  turns=turns[:2], updated_at=now - timedelta(hours=3))
    ChatTranscript.objects.create(sender_id="browser-conversation-3", handed_off=True,
                                  page_url="https://elsewhere.example/a/very/long/address/that/goes/on/and/on",
                                  turns=turns[:1], updated_at=now - timedelta(days=1))


def fits(page, width):
    """Nothing on the page, the admin's own scrolling panes included, reaches past the screen's right edge."""
    widest = page.evaluate("""() => Math.max(document.documentElement.scrollWidth,
        ...[...document.querySelectorAll('.wm-tr *')].map(e => e.getBoundingClientRect().right))""")
    return widest <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_the_list_and_a_conversation_fit_the_screen_and_read_in_order(browser, live_server, demo_council, width):
    User.objects.create_superuser("transcript-admin", "transcript-admin@example.org", "a-long-admin-passphrase")
    conversations()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    watcher = Watcher(page)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("transcript-admin")
    page.get_by_label("Password").fill("a-long-admin-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    shots = os.environ.get("SCREENSHOT_DIR")

    page.goto(live_server.url + "/admin/resident-feedback/chats/")
    page.get_by_role("heading", name="Chat transcripts").wait_for()
    assert page.locator(".wm-tr tbody tr").count() == 3
    assert fits(page, width), "the list is wider than the screen"
    assert axe_problems(page) == []
    if shots:
        page.screenshot(path=str(Path(shots) / f"transcripts-list-{width}.png"), full_page=True)
    page.get_by_label("What happened").select_option("rephrased")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**reason=rephrased**")
    assert page.locator(".wm-tr tbody tr").count() == 2

    page.locator(".wm-tr tbody tr").first.get_by_role("link").click()
    page.get_by_role("heading", name="The conversation").wait_for()
    speakers = [who.split()[0] for who in page.locator(".wm-turn__who").all_inner_texts()]
    assert speakers == ["Resident", "Assistant", "Resident", "Assistant", "Resident", "Resident"]
    texts = page.locator(".wm-turn__text").all_inner_texts()
    assert texts[0] == "my bin wasn't emptied on Tuesday" and texts[2] == "it was the brown one"
    assert fits(page, width), "the conversation is wider than the screen"
    assert axe_problems(page) == []
    assert page.get_by_role("link", name="Report a missed bin collection").get_attribute("href") == MISSED_BIN
    if shots:
        page.screenshot(path=str(Path(shots) / f"transcript-detail-{width}.png"), full_page=True)
    readers = page.get_by_role("heading", name="Who has read it")
    readers.scroll_into_view_if_needed()
    assert "transcript-admin" in page.locator("#readers + ul").inner_text()  # this reading, recorded
    if shots:
        page.screenshot(path=str(Path(shots) / f"transcript-detail-end-{width}.png"))
    assert watcher.take() == []
    context.close()
