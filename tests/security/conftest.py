"""A stand-in Rasa on a real socket and a clean cache for every test."""
import json

import pytest
from django.core.cache import cache

from .fake_rasa import FakeRasa


def chat(client, message="hello", sender="test-sender-1"):
    """One message to the chat proxy, as the widget sends it."""
    body = json.dumps({"sender": sender, "message": message, "page": "/"})
    return client.post("/api/chat/", body, content_type="application/json")


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()  # rate limits, circuits and cached pages start empty in every test
    yield
    cache.clear()


@pytest.fixture
def fake_rasa(settings):
    rasa = FakeRasa()
    settings.RASA_URL = rasa.url
    yield rasa
    rasa.close()
