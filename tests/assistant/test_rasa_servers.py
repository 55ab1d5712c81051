"""Several Rasa servers: each conversation has its own server, spread evenly, and moves on when it is down."""
import json
from collections import Counter

import pytest
import responses
from django.core.cache import cache
from django.test import override_settings

from assistant.rasa_servers import servers_for

SERVERS = ["http://rasa-a:5005", "http://rasa-b:5005"]


@override_settings(RASA_URLS=SERVERS)
def test_a_conversation_always_goes_to_the_same_server_and_conversations_spread():
    senders = [f"resident-{n:04d}" for n in range(1000)]
    first = {sender: servers_for(sender)[0] for sender in senders}
    assert all(servers_for(sender)[0] == first[sender] for sender in senders)
    shares = Counter(first.values())
    assert set(shares) == set(SERVERS) and min(shares.values()) > 400  # about half each
    assert all(sorted(servers_for(sender)) == sorted(SERVERS) for sender in senders)  # the rest follow


def test_adding_a_server_moves_only_the_conversations_it_takes():
    senders = [f"resident-{n:04d}" for n in range(1000)]
    with override_settings(RASA_URLS=SERVERS):
        before = {sender: servers_for(sender)[0] for sender in senders}
    with override_settings(RASA_URLS=[*SERVERS, "http://rasa-c:5005"]):
        after = {sender: servers_for(sender)[0] for sender in senders}
    moved = [sender for sender in senders if before[sender] != after[sender]]
    assert all(after[sender] == "http://rasa-c:5005" for sender in moved)
    assert 200 < len(moved) < 450  # about a third


@override_settings(RASA_URLS=[], RASA_URL="http://only-rasa:5005/")
def test_without_rasa_urls_the_single_rasa_url_is_used():
    assert servers_for("resident-1") == ["http://only-rasa:5005"]


@pytest.mark.django_db
@responses.activate
def test_chat_carries_on_at_the_next_server_when_the_preferred_one_is_unreachable(site_client):
    cache.clear()
    sender = "resident-failover-1"
    with override_settings(RASA_URLS=SERVERS):
        preferred, other = servers_for(sender)
        # Only the other server answers; Responses refuses the connection to the preferred one.
        responses.post(f"{other}/webhooks/rest/webhook", json=[{"recipient_id": sender, "text": "Hello again."}])
        response = site_client.post(
            "/api/chat/", json.dumps({"sender": sender, "message": "hello", "page": "/"}),
            content_type="application/json",
        )
    assert response.status_code == 200
    assert response.json()["messages"][0]["text"] == "Hello again."
    assert [call.request.url for call in responses.calls][-1] == f"{other}/webhooks/rest/webhook"


@pytest.mark.django_db
@responses.activate
def test_chat_reports_the_bot_down_when_no_server_answers(site_client):
    cache.clear()
    with override_settings(RASA_URLS=SERVERS):
        response = site_client.post(
            "/api/chat/", json.dumps({"sender": "resident-failover-2", "message": "hello", "page": "/"}),
            content_type="application/json",
        )
    assert response.status_code == 503 and "call us" in response.json()["message"]
