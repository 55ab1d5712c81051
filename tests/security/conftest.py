"""A stand-in Rasa on a real socket and a clean cache for every test."""
import pytest
from django.core.cache import cache

from .fake_rasa import FakeRasa


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
