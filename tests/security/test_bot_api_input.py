"""The bot API takes only conversation ids the chat proxy could have made: they end up in Rasa's URLs."""
import json

import pytest

from assistant import rasa_api
from assistant.models import HandoffRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sender", ["x/../../../model/parse?x=", "resident-0001\n", ["resident-0001"], "a b c d e f g"])
def test_a_handoff_for_a_conversation_id_the_chat_could_not_have_made_is_refused(client, sender):
    response = client.post("/api/bot/handoff/", json.dumps({"sender_id": sender, "topic": "x"}),
                           content_type="application/json")
    assert response.status_code == 400
    assert not HandoffRequest.objects.exists()


def test_a_handoff_with_a_lone_surrogate_in_its_transcript_is_saved(client):
    transcript = [{"sender": "resident", "text": "help \ud800 me"}]
    response = client.post("/api/bot/handoff/", json.dumps({"sender_id": "resident-0001", "transcript": transcript}),
                           content_type="application/json")
    assert response.status_code == 201
    saved = HandoffRequest.objects.get(sender_id="resident-0001")
    stored = json.dumps(saved.transcript, ensure_ascii=False)
    assert not any(0xD800 <= ord(character) <= 0xDFFF for character in stored)  # PostgreSQL's jsonb refuses them
    assert saved.transcript[0]["text"] == "help \ufffd me"


def test_the_sender_id_is_escaped_in_rasas_url(settings, monkeypatch):
    called = []

    class Response:
        def raise_for_status(self):
            pass

    class Session:
        def post(self, url, **kwargs):
            called.append(url)
            return Response()

    monkeypatch.setattr(rasa_api, "http", Session)
    settings.RASA_URL = "http://rasa.invalid"
    assert rasa_api.send_events("a/../model?x=", [])
    assert called == ["http://rasa.invalid/conversations/a%2F..%2Fmodel%3Fx%3D/tracker/events"]
