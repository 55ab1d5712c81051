"""Two demo councils on one installation: Westmere (the default site, any host) and Fellside (fellside.localhost).

Both are loaded once into the test database by tests/conftest.py (`load_demo_council`), as `make run` loads them.
"""
import json

import pytest
from django.core.cache import cache
from django.test import Client

FELLSIDE_HOST = "fellside.localhost"
WESTMERE_HOST = "westmere.localhost"


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate limits and the page cache live in the cache, which tests do not roll back."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fellside():
    """A browser on Fellside's site."""
    return Client(HTTP_HOST=FELLSIDE_HOST)


@pytest.fixture
def westmere_client():
    """A browser on Westmere's own hostname (the default site answers it, as it answers localhost)."""
    return Client(HTTP_HOST=WESTMERE_HOST)


def hand_over(client, sender):
    """The bot hands a chat to a person, asking as the council's site the resident is on: the web API's answer."""
    response = client.post(
        "/api/bot/handoff/",
        json.dumps({"sender_id": sender, "topic": "general", "page_url": "/",
                    "transcript": [{"sender": "user", "text": f"help please, {sender}"}]}),
        content_type="application/json",
    )
    assert response.status_code == 201
    return response.json()
