"""bot/rasa_server.py: Rasa checks the action server's replies against the same schema as before, with a validator
built once; a wrong reply still gets Rasa's own error. Its calls to an endpoint share one open connection."""
import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


class ActionServer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps a connection open, as the action server does
    connections = []  # the client's port for each call

    def do_POST(self):
        self.connections.append(self.client_address[1])
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b'{"events": [], "responses": []}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_calls_to_the_action_server_share_one_connection():
    # Each call opened and closed a connection of its own: one more round trip, and more work, every chat turn.
    server = ThreadingHTTPServer(("127.0.0.1", 0), ActionServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{server.server_port}/webhook")

    async def turns():
        return [await endpoint.request(json={"next_action": "action_respond"}) for _ in range(3)]

    try:
        assert asyncio.run(turns()) == [{"events": [], "responses": []}] * 3
        assert len(ActionServer.connections) == 3 and len(set(ActionServer.connections)) == 1
        # A new event loop (a restarted server) gets a new session: the old one belonged to the closed loop.
        assert asyncio.run(turns()) == [{"events": [], "responses": []}] * 3
        assert len(set(ActionServer.connections)) == 2
    finally:
        server.shutdown()
        server.server_close()
