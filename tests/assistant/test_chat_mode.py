"""The chat proxy tells the widget a person has the conversation when the assistant's reply in that turn handed it
over (actions/handoff.py sends the handover's status beside its text), without asking the database again."""
import pytest
import responses
from django.db import connection
from django.test.utils import CaptureQueriesContext

SERVER = "http://127.0.0.1:9"
HANDOVER_TEXT = "I've asked a member of our customer service team to join this chat."

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def one_server(settings):
    settings.RASA_URL, settings.RASA_URLS, settings.CHAT_RATE_LIMIT = SERVER, [], "1000/m"


def reply_with_handover(status):
    responses.post(f"{SERVER}/webhooks/rest/webhook", json=[
        {"recipient_id": "x", "text": HANDOVER_TEXT},
        {"recipient_id": "x", "custom": {"links": [], "handoff": {"reference": "HO-1", "status": status}}},
    ])


def say(client, sender):
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/api/chat/", {"sender": sender, "message": "a person please"},
                               content_type="application/json")
    handoff_queries = [q for q in captured.captured_queries if "assistant_handoffrequest" in q["sql"]]
    return response.json(), handoff_queries


@responses.activate
def test_a_handover_waiting_for_a_person_puts_the_widget_in_human_mode(site_client, one_server):
    reply_with_handover("waiting")
    reply, handoff_queries = say(site_client, "resident-mode-1")
    assert reply["mode"] == "human" and HANDOVER_TEXT in reply["messages"][0]["text"]
    assert len(handoff_queries) == 1  # "is a person already talking to them?", before the bot is asked


@responses.activate
def test_a_handover_saved_for_later_leaves_the_widget_with_the_assistant(site_client, one_server):
    reply_with_handover("out_of_hours")
    assert say(site_client, "resident-mode-2")[0]["mode"] == "bot"


@responses.activate
def test_an_ordinary_answer_is_the_assistant_s(site_client, one_server):
    responses.post(f"{SERVER}/webhooks/rest/webhook", json=[{"recipient_id": "x", "text": "Bins are emptied weekly."}])
    assert say(site_client, "resident-mode-3")[0]["mode"] == "bot"
