"""Human handoff: staff pick up chats in the admin; residents are never left without an answer."""
import json
from datetime import timedelta

import pytest
import responses
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from assistant import handoffs
from assistant.models import CallbackRequest, ChatMessage, HandoffRequest

pytestmark = pytest.mark.django_db

ALWAYS_OPEN = override_settings(
    CONTACT_CENTRE_DAYS=list(range(7)), CONTACT_CENTRE_OPENS="00:00", CONTACT_CENTRE_CLOSES="23:59:59"
)
ALWAYS_CLOSED = override_settings(CONTACT_CENTRE_DAYS=[])
DEAD_RASA = override_settings(RASA_URL="http://127.0.0.1:9")
SENDER = "resident-123456"


def setup_function():
    cache.clear()


@pytest.fixture
def agent(db):
    user = User.objects.create_user("agent", password="x", first_name="Sam")
    user.groups.add(Group.objects.get(name="Customer service"))
    return user


def hand_over(client, sender=SENDER):
    response = client.post(
        "/api/bot/handoff/",
        json.dumps({"sender_id": sender, "topic": "housing_benefit", "page_url": "/housing/",
                    "transcript": [{"sender": "user", "text": "I need help with my rent"}]}),
        content_type="application/json",
    )
    assert response.status_code == 201
    return response.json()


def resident_says(client, text, sender=SENDER):
    return client.post("/api/chat/", json.dumps({"sender": sender, "message": text, "page": "/"}),
                       content_type="application/json")


def resident_polls(client, after=0, sender=SENDER):
    return client.get("/api/chat/poll/", {"after": after}, headers={"X-Chat-Sender": sender}).json()


@ALWAYS_OPEN
@DEAD_RASA
def test_a_staff_member_picks_up_replies_and_closes(site_client, client, agent):
    handoffs.mark_staff_seen(agent)
    data = hand_over(site_client)
    assert data["status"] == "waiting" and data["callback_url"] is None

    # The bot is down, but the resident's words reach the queue and nothing is lost.
    assert resident_says(site_client, "Are you there?").json()["mode"] == "human"
    client.force_login(agent)
    assert data["reference"] in client.get("/admin/live-chat/").content.decode()

    client.post(f"/admin/live-chat/{data['reference']}/claim/")
    page = client.get(f"/admin/live-chat/{data['reference']}/").content.decode()
    assert "I need help with my rent" in page and "Are you there?" in page
    client.post(f"/admin/live-chat/{data['reference']}/reply/", {"text": "Hello, I'm Sam. How can I help?"})

    polled = resident_polls(site_client)
    assert polled["mode"] == "human"
    assert [m["text"] for m in polled["messages"] if m["from"] == "staff"] == ["Hello, I'm Sam. How can I help?"]
    last_id = polled["messages"][-1]["id"]
    assert resident_polls(site_client, after=last_id)["messages"] == []

    with responses.RequestsMock() as rasa:
        resume = rasa.post(f"http://127.0.0.1:9/conversations/{SENDER}/tracker/events", json={})
        client.post(f"/admin/live-chat/{data['reference']}/close/", {"outcome": "answered"})
        assert json.loads(resume.calls[0].request.body)[0] == {"event": "resume"}
    handoff = HandoffRequest.objects.get(reference=data["reference"])
    assert handoff.status == "closed" and handoff.outcome == "answered" and handoff.bot_resumed
    assert resident_polls(site_client, after=last_id)["mode"] == "bot"


@ALWAYS_OPEN
@DEAD_RASA
def test_closing_while_the_bot_is_down_keeps_the_record_and_warns_staff(site_client, client, agent):
    handoffs.mark_staff_seen(agent)
    reference = hand_over(site_client)["reference"]
    client.force_login(agent)
    response = client.post(f"/admin/live-chat/{reference}/close/", {"outcome": "answered"}, follow=True)
    assert "could not be told to carry on" in response.content.decode()
    handoff = HandoffRequest.objects.get(reference=reference)
    assert handoff.status == "closed" and not handoff.bot_resumed
    assert handoff.transcript[0] == {"sender": "user", "text": "I need help with my rent"}


@ALWAYS_CLOSED
def test_out_of_hours_the_resident_is_offered_a_callback_and_the_phone_number(site_client, client, agent):
    data = hand_over(site_client)
    assert data["status"] == "out_of_hours"
    assert "01632 960000" in data["message"] and data["callback_url"] == f"/chat/callback/{data['reference']}/"

    form = site_client.get(data["callback_url"])
    assert form.status_code == 200 and "Ask us to contact you" in form.content.decode()
    error = site_client.post(data["callback_url"], {"name": "Jo Bloggs", "best_time": "mornings"})
    content = error.content.decode()
    assert "Enter a phone number or an email address" in content and 'value="Jo Bloggs"' in content
    site_client.post(data["callback_url"], {"name": "Jo Bloggs", "phone": "01632 960123", "best_time": "mornings"})
    callback = CallbackRequest.objects.get()
    assert callback.handoff.reference == data["reference"] and callback.phone == "01632 960123"

    client.force_login(agent)
    assert "Jo Bloggs" in client.get("/admin/live-chat/").content.decode()


@ALWAYS_OPEN
def test_when_nobody_is_online_the_resident_is_offered_a_callback(site_client):
    data = hand_over(site_client)
    assert data["status"] == "out_of_hours" and "nobody is free" in data["message"].lower()


@ALWAYS_OPEN
@override_settings(HANDOFF_CLAIM_TIMEOUT_SECONDS=60)
def test_when_nobody_picks_up_in_time_the_widget_offers_a_callback(site_client, agent):
    handoffs.mark_staff_seen(agent)
    reference = hand_over(site_client)["reference"]
    HandoffRequest.objects.filter(reference=reference).update(created_at=timezone.now() - timedelta(minutes=2))
    messages = resident_polls(site_client)["messages"]
    offer = [m for m in messages if m["from"] == "system"]
    assert offer and offer[0]["links"] == [{"text": "Ask for a callback", "url": f"/chat/callback/{reference}/"}]
    assert len([m for m in resident_polls(site_client)["messages"] if m["from"] == "system"]) == 1


def test_only_customer_service_staff_see_the_queue(client, agent):
    assert client.get("/admin/live-chat/").status_code == 302  # to the login page
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    denied = client.get("/admin/live-chat/")  # Wagtail turns "permission denied" into a redirect home
    assert denied.status_code == 302 and denied.url == "/admin/"
    assert "Live chat" not in client.get("/admin/").content.decode()
    client.force_login(agent)
    assert client.get("/admin/live-chat/").status_code == 200
    assert "Live chat" in client.get("/admin/").content.decode()


@ALWAYS_OPEN
def test_old_transcripts_are_deleted_by_the_retention_command(site_client, agent):
    handoffs.mark_staff_seen(agent)
    reference = hand_over(site_client)["reference"]
    resident_says(site_client, "my address is 1 High Street")
    handoff = HandoffRequest.objects.get(reference=reference)
    handoffs.close(handoff, "answered")
    HandoffRequest.objects.filter(pk=handoff.pk).update(created_at=timezone.now() - timedelta(days=100))
    call_command("delete_old_transcripts", "--days", "90", stdout=open("/dev/null", "w"))
    handoff.refresh_from_db()
    assert handoff.transcript == [] and not ChatMessage.objects.filter(handoff=handoff).exists()
    assert handoff.reference == reference  # the record itself stays for reporting
