"""bot/rasa_server.py: Rasa checks the action server's replies against the same schema as before, with a validator
built once; a wrong reply still gets Rasa's own error. Its calls to an endpoint share one open connection."""
import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import rasa_server

REPLY = {
    "events": [{"event": "slot", "timestamp": None, "name": "last_page", "value": "report_missed_bin"}],
    "responses": [{"text": "You can report a missed bin online.", "buttons": [{"title": "Start", "payload": "/x"}]}],
}


def action():
    return RemoteAction("action_respond", None)


def test_the_launcher_replaces_rasa_s_check():
    assert RemoteAction._validate_action_result is rasa_server.validate_action_result


def test_a_valid_reply_passes_with_the_validator_built_once():
    assert action()._validate_action_result(REPLY) is True
    assert action()._validate_action_result({"events": [], "responses": []}) is True
    assert rasa_server.response_validator.cache_info().misses == 1


@pytest.mark.parametrize("reply", [
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": "not a list", "responses": []},
    {"events": [], "responses": ["not an object"]},
])
def test_a_wrong_reply_gets_rasa_s_error(reply):
    with pytest.raises(ValidationError) as error:
        action()._validate_action_result(reply)
    assert "Failed to validate Action server response" in error.value.message


def test_calls_to_the_action_server_share_one_connection(json_server):
    # Each call opened and closed a connection of its own: one more round trip, and more work, every chat turn.
    url, calls = json_server
    endpoint = EndpointConfig(url=f"{url}/webhook")

    async def turns():
        return [await endpoint.request(json={"next_action": "action_respond"}) for _ in range(3)]

    assert asyncio.run(turns()) == [{"events": [], "responses": []}] * 3
    assert len(calls) == 3 and len({port for port, _ in calls}) == 1
    # A new event loop (a restarted server) gets a new session: the old one belonged to the closed loop.
    assert asyncio.run(turns()) == [{"events": [], "responses": []}] * 3
    assert len({port for port, _ in calls}) == 2
