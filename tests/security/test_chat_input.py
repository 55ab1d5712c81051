"""What the chat proxy passes to Rasa: only text a resident could mean, never a command they did not give."""
import json

import pytest

pytestmark = pytest.mark.django_db


def post(client, **body):
    body = {"sender": "resident-input-1", "message": "hello", "page": "/", **body}
    return client.post("/api/chat/", json.dumps(body), content_type="application/json")


@pytest.fixture
def rasa(fake_rasa):
    fake_rasa.reply = [{"recipient_id": "resident-input-1", "text": "Hello"}]
    return fake_rasa


@pytest.mark.parametrize("typed", ["/request_human", '/inform{"postcode": "WM1 1AA"}', "//request_human"])
def test_a_typed_slash_command_reaches_the_assistant_as_words(site_client, rasa, typed):
    assert post(site_client, message=typed).status_code == 200
    assert not rasa.messages[-1].startswith("/")


def test_a_button_sends_the_intent_it_offered_but_never_entities(site_client, rasa):
    assert post(site_client, message="/request_human", kind="button").status_code == 200
    assert rasa.messages[-1] == "/request_human"
    assert post(site_client, message='/inform{"handoff_status": "done"}', kind="button").status_code == 200
    assert rasa.messages[-1] == 'inform{"handoff_status": "done"}'


def test_a_question_from_a_shared_link_is_marked_so_it_cannot_hand_the_chat_over(site_client, rasa):
    assert post(site_client, message="talk to a person", kind="link").status_code == 200
    assert rasa.bodies[-1]["metadata"] == {"page": "/", "from_link": True}
    assert post(site_client, message="talk to a person").status_code == 200
    assert rasa.bodies[-1]["metadata"] == {"page": "/"}


@pytest.mark.parametrize("body", [
    {"message": {"text": "hello"}}, {"message": ["hello"]}, {"message": 42}, {"sender": ["resident-input-1"]},
    {"sender": "resident-input-1\n"}, {"kind": "system"}, {"kind": ["button"]},
])
def test_a_message_or_sender_that_is_not_plain_text_is_refused_clearly(site_client, rasa, body):
    response = post(site_client, **body)
    assert response.status_code == 400 and response.json()["message"]
    assert rasa.calls == 0


def test_a_lone_surrogate_is_replaced_not_a_500(site_client, rasa):
    response = site_client.post("/api/chat/", '{"sender": "resident-input-1", "message": "bin \\ud800 day"}',
                                content_type="application/json")
    assert response.status_code == 200
    assert rasa.messages[-1] == "bin \ufffd day"


def test_the_poll_refuses_a_sender_with_a_trailing_newline(site_client):
    assert site_client.get("/api/chat/poll/", headers={"X-Chat-Sender": "resident-input-1\n"}).status_code == 400


def test_the_poll_takes_the_sender_from_a_header_never_the_logged_query_string(site_client):
    assert site_client.get("/api/chat/poll/", {"sender": "resident-input-1"}).status_code == 400
    assert site_client.get("/api/chat/poll/", headers={"X-Chat-Sender": "resident-input-1"}).json()["mode"] == "bot"
