"""Fixtures for email subscriptions (users with the council's admin roles are in tests/conftest.py)."""
import pytest
from django.core import mail
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache_and_outbox():
    """Rate limits count in the cache, which tests do not roll back; the outbox starts empty."""
    cache.clear()
    mail.outbox.clear()
    yield
    cache.clear()


def confirm_link_token(message):
    return message.body.split("/subscriptions/confirm/")[1].split("/")[0]


def unsubscribe_link(message):
    return "/subscriptions/unsubscribe/" + message.body.split("/subscriptions/unsubscribe/")[1].split()[0]
