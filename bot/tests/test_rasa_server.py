"""bot/rasa_server.py: Rasa checks the action server's replies against the same schema as before, with a validator
built once; a wrong reply still gets Rasa's own error."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

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
