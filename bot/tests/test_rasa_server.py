"""bot/rasa_server.py: Rasa checks the action server's replies as its schema does, with validators built once and
each event checked against its own kind's definition; a wrong reply still gets Rasa's own error. Its calls to an endpoint share one open connection."""
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
    assert rasa_server.response_validators.cache_info().misses == 1


def full_schema_says(reply):
    return rasa_server.validator(RemoteAction.action_response_format_spec()).is_valid(reply)


# One event of each kind Rasa knows, right and wrong, and replies the events' check alone must not pass
EVENTS = [
    {"event": "user", "text": "missed bin", "parse_data": {"intent": {"name": "report", "confidence": 0.9}}},
    {"event": "user", "text": 3},
    {"event": "action", "name": "action_listen", "policy": None, "confidence": 1.0},
    {"event": "action", "hide_rule_turn": "yes"},
    {"event": "slot", "name": "last_page", "value": None},
    {"event": "slot", "value": "no name"},
    {"event": "bot", "text": "Hello", "data": {"buttons": []}},
    {"event": "followup", "name": "action_respond"},
    {"event": "reminder", "name": "r", "intent": "greet", "date_time": "2026-12-07T10:00:00"},
    {"event": "active_loop", "name": None},
    {"event": "session_started", "timestamp": 1.5},
    {"event": "restart", "timestamp": "not a number"},
    {"event": "no_such_event"},
    {"event": 3},
    {"name": "no event"},
    "not an object",
]


@pytest.mark.parametrize("event", EVENTS, ids=[str(i) for i in range(len(EVENTS))])
def test_each_event_is_judged_as_the_whole_schema_judges_it(event):
    reply = {"events": [event], "responses": []}
    assert rasa_server.is_valid_reply(reply) == full_schema_says(reply)


def test_every_kind_of_event_rasa_knows_has_its_own_check():
    _, by_event = rasa_server.response_validators()
    kinds = RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]
    assert set(by_event) == {kind["properties"]["event"]["const"] for kind in kinds} and len(by_event) == len(kinds)


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


class LoadedAgent:
    """What Rasa's loading gives the server: here only whether it is ready and the messages it was asked to parse."""

    def __init__(self, ready):
        self.ready, self.parsed = ready, []

    def is_ready(self):
        return self.ready

    async def parse_message(self, text):
        self.parsed.append(text)
        return {"text": text}


@pytest.mark.parametrize("ready", [True, False])
def test_the_model_makes_its_first_prediction_before_the_server_listens(monkeypatch, ready):
    from rasa.core import run

    assert run.load_agent_on_start is rasa_server.load_agent_warmed_up  # what `rasa run` registers before it listens
    agent = LoadedAgent(ready)

    async def rasa_s_load(*args, **kwargs):
        return agent

    monkeypatch.setattr(rasa_server, "_rasa_load_agent", rasa_s_load)
    assert asyncio.run(rasa_server.load_agent_warmed_up("model.tar.gz", None, None, None, None)) is agent
    assert agent.parsed == (["hello"] if ready else [])  # a server without a model yet has nothing to warm up
