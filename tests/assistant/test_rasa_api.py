"""Rasa's HTTP API: with RASA_API_TOKEN (servers run with `--auth-token`), every call of the web app carries it."""
import json

import pytest
import responses
from responses import matchers

from assistant import rasa_api

SERVER = "http://127.0.0.1:9"


@pytest.fixture
def one_server(settings):
    settings.RASA_URL, settings.RASA_URLS = SERVER, []


@responses.activate
def test_resuming_a_conversation_sends_the_api_token(settings, one_server):
    settings.RASA_API_TOKEN = "rasa-api-secret"
    events = responses.post(
        f"{SERVER}/conversations/resident-1/tracker/events",
        match=[matchers.query_param_matcher({"include_events": "NONE", "token": "rasa-api-secret"})],
        json={},
    )
    assert rasa_api.resume("resident-1") is True
    assert json.loads(events.calls[0].request.body)[0] == {"event": "resume"}


@responses.activate
def test_without_a_token_none_is_sent(settings, one_server):
    settings.RASA_API_TOKEN = ""
    responses.post(f"{SERVER}/conversations/resident-1/tracker/events",
                   match=[matchers.query_param_matcher({"include_events": "NONE"})], json={})
    assert rasa_api.resume("resident-1") is True


@responses.activate
def test_one_session_per_thread_that_keeps_no_cookie_from_one_conversation_for_the_next(one_server):
    webhook = responses.post(f"{SERVER}/webhooks/rest/webhook", json=[],
                             headers={"Set-Cookie": "tracker=resident-1; Path=/"})
    from assistant.chat import send_to_bot

    send_to_bot("resident-1", "hello", "/")
    send_to_bot("resident-2", "hello", "/")
    assert rasa_api.http() is rasa_api.http()
    assert "Cookie" not in webhook.calls[1].request.headers
