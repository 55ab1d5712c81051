"""The JSON API's OpenAPI description, and schemathesis against it: no input makes a server error.

Every operation in site/sitewide/api/openapi.yaml gets up to 100 generated requests (valid and
invalid), sent through the real WSGI application (all middleware, CSRF included) to a real stand-in
Rasa; each response must be no 5xx and must match the documented status codes and schemas.
"""
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sitewide.views import openapi_document

pytestmark = pytest.mark.django_db
CSRF_TOKEN = "A" * 32  # a well-formed token, sent as the cookie and the header, as the widget does

schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = WSGIHandler()


def test_the_description_is_served_as_yaml_and_json(site_client):
    assert site_client.get("/api/openapi.json").json() == openapi_document()
    yaml_response = site_client.get("/api/openapi.yaml")
    assert yaml_response.status_code == 200 and b"openapi: 3.0.3" in yaml_response.content


@pytest.fixture
def keep_test_connection():
    """The real WSGI handler closes the database connection around each request, which would end the
    test's transaction on PostgreSQL; Django's own test client unhooks this the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def generous_limits(settings, fake_rasa, keep_test_connection):
    """Rate limits would turn most generated requests into 429s; the bot answers like Rasa does."""
    for name in ("CHAT_RATE_LIMIT", "CHAT_POLL_RATE_LIMIT", "SEARCH_PAGE_RATE_LIMIT", "AUTOCOMPLETE_RATE_LIMIT",
                 "SEARCH_RATE_LIMIT", "FEEDBACK_RATE_LIMIT"):
        setattr(settings, name, "100000/m")
    fake_rasa.reply = [{"recipient_id": "x", "text": "Hello", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
    return fake_rasa


@schema.parametrize()
@hypothesis_settings(
    max_examples=100,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is repeatable
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_answers_with_a_server_error(case, generous_limits):
    case.call_and_validate(
        # The app gzips text for clients that accept it (sitewide/compression.py); schemathesis asks for gzip
        # but its WSGI transport, unlike an HTTP client, does not decompress: ask for the plain body.
        headers={"X-CSRFToken": CSRF_TOKEN, "Host": "localhost", "Accept-Encoding": "identity"},
        cookies={"csrftoken": CSRF_TOKEN},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
