"""Fixtures for resident feedback (the users with the council's admin roles are in tests/conftest.py)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits count in the cache, which tests do not roll back."""
    cache.clear()
    yield
    cache.clear()
