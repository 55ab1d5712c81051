"""Issue 22: one chat-key pattern (assistant.chat_keys) for the keys cms_pages makes and the chat accepts.

The chat proxy and "Did this answer help?" used to accept keys the CMS can never make ("Pay-Council-Tax",
"x", a key with a trailing newline); now both sides agree."""

import json

import pytest
import responses
from django.core.cache import cache
from django.core.exceptions import ValidationError

from assistant.chat_keys import is_chat_key
from assistant.chat_pages import key_from_slug, validate_key

RASA = "http://127.0.0.1:5005/webhooks/rest/webhook"
DISPUTED = ["Pay-Council-Tax", "pay-council-tax", "x", "report_missed_bin\n", "a" * 60, "_bins", "9lives"]


@pytest.mark.parametrize("key", ["report_missed_bin", "pay_council_tax", "page_2024_budget", "bins_2", "a" * 59])
def test_keys_the_cms_makes_are_chat_keys(key):
    assert is_chat_key(key)
    validate_key(key)


@pytest.mark.parametrize("key", DISPUTED + ["", None, 42, "<b>"])
def test_keys_the_cms_cannot_make_are_refused_everywhere(key):
    assert not is_chat_key(key)
    with pytest.raises(ValidationError):
        validate_key(key)


@pytest.mark.parametrize("slug", ["report-a-missed-bin", "2024-budget", "Council Tax: pay", "---", "x" * 80])
def test_every_key_made_from_a_slug_is_a_chat_key(slug):
    assert is_chat_key(key_from_slug(slug, taken=set()))
    assert is_chat_key(key_from_slug(slug, taken={key_from_slug(slug, taken=set())}))


@pytest.mark.django_db
@responses.activate
def test_the_chat_marks_only_real_keys_for_rating(site_client):
    cache.clear()

    def reply_with_key(key):
        responses.post(RASA, json=[{"recipient_id": "x", "text": "Hello", "custom": {"answer": {"key": key}}}])
        body = json.dumps({"sender": "conversation-1", "message": "hello", "page": "/"})
        return site_client.post("/api/chat/", body, content_type="application/json").json()["messages"][0]

    assert reply_with_key("report_missed_bin")["answer"] == {"key": "report_missed_bin"}
    assert "answer" not in reply_with_key("Pay-Council-Tax")  # the old chat pattern took it; no page has it
