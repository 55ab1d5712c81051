"""Rasa's own command line (`python rasa_server.py run ...` is `rasa run ...`), with three fixes for speed.

Rasa calls the action server through a new aiohttp session each time, so every action of every chat turn opened (and
closed) a TCP connection to it. Here each endpoint keeps one session, and its connections, open for the life of the
server's event loop.

Rasa's first prediction builds the model's TensorFlow functions: here one message is parsed before the server
listens, so that is not the first resident's wait.

Rasa checks every reply of the action server against its response schema with `jsonschema.validate`, which checks
the schema itself and builds a new validator on every call: about 15 ms of each chat turn on a 2-core machine,
more than the model's whole parse. Here the validators are built once, and each event is checked against its own
kind's definition (response_validators says why that is the same check); a reply that fails gets Rasa's own error,
as before. Every way of starting the Rasa server uses this file
(deploy/entrypoints/rasa.sh, `make bot-run-rasa`, the end-to-end tests).
"""
import asyncio
import copy
import sys
from functools import lru_cache

from jsonschema import validators
from rasa.core import run
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

_rasa_validate = RemoteAction._validate_action_result
_rasa_load_agent = run.load_agent_on_start
_rasa_session = EndpointConfig.session


class KeptOpen:
    """What Rasa's `async with endpoint.session() as session` enters: the endpoint's open session, left open."""

    def __init__(self, session):
        self.session = session

    async def __aenter__(self):
        return self.session

    async def __aexit__(self, *exc_info):
        return None


def kept_session(self):
    """The endpoint's one session on the running event loop (a session belongs to the loop it was made on)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return _rasa_session(self)  # outside a loop: a session of its own, closed after use as before
    kept_loop, session = getattr(self, "_kept_session", (None, None))
    if kept_loop is not loop or session.closed:
        session = _rasa_session(self)
        self._kept_session = (loop, session)
    return KeptOpen(session)


def validator(schema):
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@lru_cache(maxsize=1)
def response_validators():
    """(the reply's validator without its events' `oneOf`, {event name: the validator of that event's definition}).
    The schema says each event is exactly one of 23 definitions, one per event name (its `const`); checking that
    tries all 23 for every event, ~0.4 ms each. An event valid by its own name's definition is invalid by the other
    22 (their name differs), so checking that one alone says the same."""
    schema = copy.deepcopy(RemoteAction.action_response_format_spec())
    definitions = schema["properties"]["events"]["items"].pop("oneOf")
    return validator(schema), {each["properties"]["event"]["const"]: validator(each) for each in definitions}


def is_valid_reply(result):
    reply, by_event = response_validators()
    if not reply.is_valid(result):
        return False
    for event in result.get("events") or ():
        definition = by_event.get(event["event"])
        if definition is None or not definition.is_valid(event):
            return False
    return True


def validate_action_result(self, result):
    if is_valid_reply(result):
        return True
    return _rasa_validate(self, result)  # raises the ValidationError with Rasa's explanation


async def load_agent_warmed_up(*args, **kwargs):
    """Rasa's loading of the model, then one parse before the server listens: the model's first prediction builds
    its TensorFlow functions (seconds), which fell in the first resident's turn after every start and could outlast
    the web app's wait for the whole turn (RASA_TIMEOUT_SECONDS: "the assistant is not available")."""
    agent = await _rasa_load_agent(*args, **kwargs)
    if agent is not None and agent.is_ready():
        await agent.parse_message("hello")
    return agent


RemoteAction._validate_action_result = validate_action_result
run.load_agent_on_start = load_agent_warmed_up
EndpointConfig.session = kept_session

if __name__ == "__main__":
    from rasa.__main__ import main

    response_validators()  # built before the server listens, not in its first resident's turn

    sys.argv[0] = "rasa"
    sys.exit(main())
