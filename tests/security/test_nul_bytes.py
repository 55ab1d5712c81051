"""Issue 11, item 4: a NUL byte (PostgreSQL text cannot hold one) never gives a 500 or loses what was sent."""
import json

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

from assistant.models import ChatMessage, HandoffRequest
from feedback.models import PageFeedback

pytestmark = pytest.mark.django_db
ALWAYS_OPEN = override_settings(
    CONTACT_CENTRE_DAYS=list(range(7)), CONTACT_CENTRE_OPENS="00:00", CONTACT_CENTRE_CLOSES="23:59:59"
)


def test_feedback_with_nul_in_the_text_and_the_path_is_saved_without_it(site_client):
    response = site_client.post(
        "/feedback/", "useful=no&trying_to_do=a%00b&path=/%00", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 303
    saved = PageFeedback.objects.get()
    assert saved.trying_to_do == "ab" and "\x00" not in saved.path


@pytest.mark.parametrize("path", ["/pay/demo/%00/", "/chat/callback/%00/", "/council-tax/%00/"])
def test_a_nul_in_the_address_is_a_400(site_client, path):
    assert site_client.get(path).status_code == 400


def test_bot_answer_with_nul_in_the_key_parameter_is_not_a_500(site_client):
    response = site_client.get("/api/bot/answer/?key=pay_council_tax%00")
    assert response.status_code == 200 and response.json()["title"]  # the NUL is dropped: pay_council_tax


@ALWAYS_OPEN
def test_a_handoff_transcript_with_nul_is_saved(site_client):
    agent = User.objects.create_user("agent", password="x")
    agent.groups.add(Group.objects.get(name="Customer service"))
    transcript = [{"sender": "user", "text": "rent\u0000 help", "timestamp": 1.0}]
    response = site_client.post(
        "/api/bot/handoff/",
        json.dumps({"sender_id": "nul-sender-1", "topic": "hous\u0000ing", "transcript": transcript}),
        content_type="application/json",
    )
    assert response.status_code == 201
    handoff = HandoffRequest.objects.get(reference=response.json()["reference"])
    assert handoff.transcript[0]["text"] == "rent help" and handoff.topic == "housing"


@ALWAYS_OPEN
def test_a_live_chat_message_with_nul_reaches_staff(site_client):
    handoff = HandoffRequest.objects.create(sender_id="nul-sender-2", status=HandoffRequest.Status.WAITING)
    body = json.dumps({"sender": "nul-sender-2", "message": "x\u0000y", "page": "/"})
    response = site_client.post("/api/chat/", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["mode"] == "human"
    assert ChatMessage.objects.get(handoff=handoff, sender=ChatMessage.Sender.RESIDENT).text == "xy"


def test_an_escaped_backslash_before_u0000_is_kept_as_text(site_client):
    """Only real NULs go: the six characters \\u0000 typed by a resident are text."""
    body = json.dumps({"sender_id": "nul-sender-3", "topic": "a\\u0000b", "transcript": []})
    response = site_client.post("/api/bot/handoff/", body, content_type="application/json")
    assert HandoffRequest.objects.get(reference=response.json()["reference"]).topic == "a\\u0000b"


def test_a_session_cookie_with_nul_is_not_a_500(site_client):
    site_client.cookies["sessionid"] = '"\\000abc"'
    assert site_client.get("/account/sign-in/").status_code == 200
