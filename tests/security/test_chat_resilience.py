"""Issue 11, items 8 and 12: a hung or confused bot, and hostile chat bodies, never break the site."""
import json
import time

import pytest
from django.test import Client

from .conftest import chat

pytestmark = pytest.mark.django_db


def test_a_hung_bot_opens_the_circuit_and_later_messages_get_call_us_at_once(site_client, fake_rasa, settings):
    settings.RASA_TIMEOUT_SECONDS = 0.3
    settings.RASA_CIRCUIT_FAILURES = 2
    settings.RASA_CIRCUIT_OPEN_SECONDS = 1
    fake_rasa.hang = True
    for _ in range(2):
        assert chat(site_client).status_code == 503
    assert fake_rasa.calls == 2
    for _ in range(5):  # the circuit is open: nobody waits on the bot
        response = chat(site_client)
        assert response.status_code == 503 and "01632 960000" in response.json()["message"]
    assert fake_rasa.calls == 2

    time.sleep(1.1)  # half-open: one message tries the bot again, which has recovered
    fake_rasa.hang = False
    fake_rasa.reply = [{"recipient_id": "test-sender-1", "text": "Hello again"}]
    assert chat(site_client).json()["messages"][0]["text"] == "Hello again"
    assert chat(site_client).status_code == 200
    assert fake_rasa.calls == 4


def test_the_circuit_is_shared_through_the_cache_by_every_worker(site_client, fake_rasa, settings):
    from assistant import rasa_api

    settings.RASA_CIRCUIT_FAILURES = 1
    fake_rasa.reply = {"not": "a list"}
    assert chat(site_client).status_code == 503
    assert rasa_api.breaker().is_open()  # another worker reading the same cache refuses too
    assert chat(Client(HTTP_HOST="localhost")).status_code == 503
    assert fake_rasa.calls == 1


@pytest.mark.parametrize(
    "reply",
    [{"text": "a dict"}, ["a string"], [{"text": 5, "buttons": "x", "custom": []}], b"not json", [None]],
    ids=["object", "list-of-strings", "wrong-types", "not-json", "null-message"],
)
def test_a_bot_reply_of_an_unexpected_shape_gives_call_us_not_500(site_client, fake_rasa, reply):
    fake_rasa.reply = reply
    response = chat(site_client)
    if reply == [{"text": 5, "buttons": "x", "custom": []}]:  # readable, with junk fields dropped
        assert response.status_code == 200
        return
    assert response.status_code == 503
    assert "01632 960000" in response.json()["message"]


@pytest.mark.parametrize("path", ["/api/chat/", "/api/bot/handoff/", "/api/bot/unanswered/"])
def test_json_nested_a_thousand_levels_is_a_clear_400(site_client, path):
    body = '{"sender": ' + "[" * 1000 + "]" * 1000 + "}"
    response = site_client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json" and response.json()["message"]


def test_a_3_mb_chat_body_is_a_json_400(site_client):
    body = json.dumps({"sender": "test-sender-1", "message": "x" * 3_000_000})
    response = site_client.post("/api/chat/", body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json" and response.json()["error"] == "bad_request"


def test_the_bot_down_message_does_not_name_the_contact_page_the_widget_links_after_it(site_client, fake_rasa):
    fake_rasa.reply = b"not json"
    body = json.dumps({"sender": "test-sender-9", "message": "hello", "page": "/"})
    message = site_client.post("/api/chat/", body, content_type="application/json").json()["message"]
    assert message.startswith("Sorry, the assistant is not available right now. You can call us on 01632 96")
    assert "contact" not in message
