"""A web process passes at most CHAT_IN_FLIGHT_PER_PROCESS chat turns to Rasa at once (assistant/in_flight.py): Rasa's
actions call back into the web app, so threads must stay free for them. A turn beyond it is told "busy" at once,
without waiting on the bot or counting against its circuit."""

import pytest

from assistant import in_flight, rasa_api

from .conftest import chat

pytestmark = pytest.mark.django_db


def test_a_turn_beyond_the_process_s_places_is_told_busy_at_once(site_client, fake_rasa, settings):
    settings.CHAT_IN_FLIGHT_PER_PROCESS = 2
    fake_rasa.reply = [{"recipient_id": "test-sender-1", "text": "Hello"}]
    taken = [in_flight.take(), in_flight.take()]  # two turns waiting on Rasa in other threads
    try:
        assert taken == [True, True]
        response = chat(site_client)
        assert response.status_code == 503 and response["Retry-After"] == "2"
        assert response.json()["error"] == "busy" and "send your message again" in response.json()["message"]
        assert fake_rasa.calls == 0 and not rasa_api.breaker().is_open()
    finally:
        in_flight.give_back()
        in_flight.give_back()
    assert chat(site_client).json()["messages"][0]["text"] == "Hello"


def test_a_turn_gives_its_place_back_whether_the_bot_answers_or_not(site_client, fake_rasa, settings):
    settings.CHAT_IN_FLIGHT_PER_PROCESS = 1
    settings.RASA_TIMEOUT_SECONDS = 0.2
    fake_rasa.hang = True
    assert chat(site_client).json()["error"] == "bot_unavailable"
    fake_rasa.hang = False
    fake_rasa.reply = [{"recipient_id": "test-sender-1", "text": "Hello again"}]
    assert chat(site_client).json()["messages"][0]["text"] == "Hello again"
    assert chat(site_client).status_code == 200
