"""Issue 20: the live chat console speaks in words, shows the whole conversation, and never offers to pick up a chat
that was saved out of hours (its resident is not in the chat: it is a message to answer later)."""
import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import override_settings

from assistant import handoffs
from assistant.models import CallbackRequest, ChatMessage, HandoffRequest
from assistant.topics import resident_words, topic_words

pytestmark = pytest.mark.django_db

ALWAYS_OPEN = override_settings(
    CONTACT_CENTRE_DAYS=list(range(7)), CONTACT_CENTRE_OPENS="00:00", CONTACT_CENTRE_CLOSES="23:59:59"
)
ALWAYS_CLOSED = override_settings(CONTACT_CENTRE_DAYS=[])
TRANSCRIPT = [
    {"sender": "user", "text": "how do i pay my council tax"},
    {"sender": "bot", "text": "You can pay your Council Tax online with a debit card."},
    {"sender": "user", "text": "/request_human"},
]


def setup_function():
    cache.clear()


@pytest.fixture
def agent(db):
    user = User.objects.create_user("agent", password="x", first_name="Sam")
    user.groups.add(Group.objects.get(name="Customer service"))
    return user


def hand_over(client, topic="pay_council_tax", page_url="/", sender="resident-123456"):
    response = client.post(
        "/api/bot/handoff/",
        json.dumps({"sender_id": sender, "topic": topic, "page_url": page_url, "transcript": TRANSCRIPT}),
        content_type="application/json",
    )
    assert response.status_code == 201
    return response.json()


def test_topics_are_page_titles_or_words_never_codes():
    assert topic_words("pay_council_tax") == "Pay your Council Tax"
    assert topic_words("bin_collection_day") == "Bin collection day"
    assert topic_words("general") == "General question"
    assert topic_words("pt_cs") == "Not known" and topic_words("") == "Not known"
    assert resident_words("/request_human") == "(pressed “Talk to a person”)"
    assert resident_words("/pay_council_tax") == "(pressed “Pay your Council Tax”)"
    assert resident_words("my bin was missed") == "my bin was missed"


@ALWAYS_OPEN
def test_the_queue_and_the_chat_say_what_the_chat_is_about_in_words(site_client, client, agent):
    handoffs.mark_staff_seen(agent)
    reference = hand_over(site_client)["reference"]
    hand_over(site_client, topic="pt_cs", page_url="/council-tax/", sender="resident-654321")
    client.force_login(agent)
    queue = client.get("/admin/live-chat/").content.decode()
    assert "Pay your Council Tax" in queue and "Not known" in queue
    assert "Home" in queue and "Council Tax" in queue  # the pages the chats started on, by title
    assert "pay_council_tax" not in queue and "pt_cs" not in queue
    chat = client.get(f"/admin/live-chat/{reference}/").content.decode()
    assert "Pay your Council Tax" in chat and "pay_council_tax" not in chat


@ALWAYS_OPEN
def test_the_chat_shows_the_whole_conversation_labelled(site_client, client, agent):
    handoffs.mark_staff_seen(agent)
    reference = hand_over(site_client)["reference"]
    site_client.post("/api/chat/", json.dumps({"sender": "resident-123456", "message": "Are you there?", "page": "/"}),
                     content_type="application/json")
    client.force_login(agent)
    client.post(f"/admin/live-chat/{reference}/reply/", {"text": "Hello, I'm Sam."})
    html = client.get(f"/admin/live-chat/{reference}/").content.decode()
    said = [
        "<strong>Resident:</strong> how do i pay my council tax",
        "<strong>Assistant:</strong> You can pay your Council Tax online with a debit card.",
        "<strong>Resident:</strong> (pressed “Talk to a person”)",
        "<strong>Assistant:</strong> I&#x27;ve asked a member of our customer service team to join this chat",
        "<strong>Resident:</strong> Are you there?",
        "<strong>Westmere District Council customer service:</strong> Hello, I&#x27;m Sam.",
    ]
    positions = [html.find(line) for line in said]
    assert -1 not in positions, [line for line, at in zip(said, positions, strict=True) if at == -1]
    assert positions == sorted(positions)  # oldest first: the assistant's part, then the live part


@ALWAYS_CLOSED
def test_an_out_of_hours_chat_is_a_message_to_answer_later_not_a_chat_to_pick_up(site_client, client, agent):
    data = hand_over(site_client)
    assert data["status"] == "out_of_hours"
    reference = data["reference"]
    site_client.post(data["callback_url"], {"name": "Jo Bloggs", "phone": "01632 960123", "best_time": "mornings"})
    client.force_login(agent)

    queue = client.get("/admin/live-chat/").content.decode()
    assert "Chats to answer later (1)" in queue and f"Pick up {reference}" not in queue
    chat = client.get(f"/admin/live-chat/{reference}/").content.decode()
    assert "Pick up this chat" not in chat and "Send reply" not in chat
    assert "would not see a reply" in chat and "01632 960123" in chat and "Mark as answered" in chat

    # Picking it up or replying says why not (not "Someone else has already picked up"), and sends nothing.
    refused = client.post(f"/admin/live-chat/{reference}/claim/", follow=True).content.decode()
    assert "not waiting in the chat" in refused and "Someone else" not in refused
    client.post(f"/admin/live-chat/{reference}/reply/", {"text": "Hello?"})
    assert not ChatMessage.objects.filter(handoff__reference=reference, sender=ChatMessage.Sender.STAFF).exists()

    client.post(f"/admin/live-chat/{reference}/close/", {"outcome": "callback"})
    handoff = HandoffRequest.objects.get(reference=reference)
    assert handoff.status == "closed" and handoff.outcome == "callback" and not handoff.bot_resumed
    assert CallbackRequest.objects.get(handoff=handoff).status == "done"
    assert "Chats to answer later (0)" in client.get("/admin/live-chat/").content.decode()


@ALWAYS_OPEN
def test_a_reply_to_a_chat_a_colleague_has_is_not_sent(site_client, client, agent):
    handoffs.mark_staff_seen(agent)
    reference = hand_over(site_client)["reference"]
    colleague = User.objects.create_user("colleague", password="x")
    colleague.groups.add(Group.objects.get(name="Customer service"))
    handoffs.claim(HandoffRequest.objects.get(reference=reference), colleague)
    client.force_login(agent)
    response = client.post(f"/admin/live-chat/{reference}/reply/", {"text": "Me too"}, follow=True)
    assert "A colleague has this chat" in response.content.decode()
    assert not ChatMessage.objects.filter(handoff__reference=reference, sender=ChatMessage.Sender.STAFF).exists()


@ALWAYS_OPEN
def test_a_lone_surrogate_in_a_live_chat_reaches_the_console_as_text(site_client, client, agent):
    # Issue 20: "\ud800" in a message during a live chat was a 500, and the console could not show it.
    handoffs.mark_staff_seen(agent)
    reference = hand_over(site_client)["reference"]
    sent = site_client.post("/api/chat/", '{"sender": "resident-123456", "message": "my bin \\ud800 day", "page": "/"}',
                            content_type="application/json")
    assert sent.status_code == 200 and sent.json()["mode"] == "human"
    client.force_login(agent)
    chat = client.get(f"/admin/live-chat/{reference}/")
    assert chat.status_code == 200 and "my bin \ufffd day" in chat.content.decode()
