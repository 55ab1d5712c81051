"""Rasa's own command line (`python rasa_server.py run ...` is `rasa run ...`), with one fix for speed.

Rasa checks every reply of the action server against its response schema with `jsonschema.validate`, which checks
the schema itself and builds a new validator on every call: about 15 ms of each chat turn on a 2-core machine,
more than the model's whole parse. Here the validator is built once; replies are checked against the same schema,
and a reply that fails gets Rasa's own error, as before. Every way of starting the Rasa server uses this file
(deploy/entrypoints/rasa.sh, `make bot-run-rasa`, the end-to-end tests).
"""
import sys
from functools import lru_cache

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction

_rasa_validate = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def response_validator():
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self, result):
    if exceptions.best_match(response_validator().iter_errors(result)) is None:
        return True
    return _rasa_validate(self, result)  # raises the ValidationError with Rasa's explanation


RemoteAction._validate_action_result = validate_action_result

if __name__ == "__main__":
    from rasa.__main__ import main

    sys.argv[0] = "rasa"
    sys.exit(main())
