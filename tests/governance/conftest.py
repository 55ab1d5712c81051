"""Fixtures for content governance and feedback: users with the council's admin roles."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits count in the cache, which tests do not roll back."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups, superuser=False):
        user = django_user_model.objects.create_user(username, password="pw", is_superuser=superuser)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", "Moderators")


@pytest.fixture
def editor(make_user):
    return make_user("editor", "Editors")


@pytest.fixture
def service_owner(make_user):
    return make_user("owner", "Service owners")


@pytest.fixture
def plain_user(make_user):
    return make_user("resident")
