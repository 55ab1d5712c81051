"""Shared fixtures: the demo council is loaded once into the test database, as `make run` loads it."""
import os
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO.parent / "shared" / "content-catalogue.yaml"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Pages are indexed in bulk by update_index, not one by one as the demo council is saved.
    quiet = {name: {**conf, "AUTO_UPDATE": False} for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    with django_db_blocker.unblock():
        with override_settings(WAGTAILSEARCH_BACKENDS=quiet):
            call_command("load_demo_council", stdout=open("/dev/null", "w"))
        call_command("update_index", stdout=open("/dev/null", "w"))
        keep_a_copy_of_the_demo_council()


# The test database just after the demo council was loaded and indexed: on SQLite with database search, a copy
# in memory (sqlite3's backup), so a live-server test gets the council back in a moment instead of a reload.
_DEMO_COPY = {}


def copies_the_demo():
    search = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return connection.vendor == "sqlite" and search.endswith("database_backend")  # the index is in the database


def keep_a_copy_of_the_demo_council():
    if copies_the_demo():
        connection.ensure_connection()
        _DEMO_COPY["sqlite"] = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_DEMO_COPY["sqlite"])


def reload_demo_council():
    """Live-server tests are transactional: the database is emptied after each, so the council is loaded again
    (from the copy kept at the start when there is one). Ids, pages and the search index are as at the start."""
    from cms_pages.models import HomePage

    if HomePage.objects.exists():
        return
    copy = _DEMO_COPY.get("sqlite")
    if copy is not None and copies_the_demo():
        connection.ensure_connection()
        copy.backup(connection.connection)
        ContentType.objects.clear_cache()  # the emptied database's content types had other ids
        cache.clear()
        return
    call_command("load_demo_council", stdout=open(os.devnull, "w"))


@pytest.fixture
def page_cache_on():
    """The page cache and what is kept under its version work as in production (tests turn them off: they roll back
    the database, not the cache), so a change must show at once."""
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


# Two titles in the shared catalogue are unquoted inside {...} ("planning permission?,", "Comments,
# compliments and complaints,") which YAML cannot read as meant: quote every flow-mapping title first.
UNQUOTED_TITLE = re.compile(r"title: (?![\"'])(.*?), kind:")


def read_catalogue(text):
    return yaml.safe_load(UNQUOTED_TITLE.sub(lambda m: f'title: "{m.group(1)}", kind:', text))


@pytest.fixture(scope="session")
def catalogue():
    """The public contract of paths (../shared/content-catalogue.yaml, beside the checkout)."""
    assert CATALOGUE.exists(), f"The content catalogue is missing: expected it at {CATALOGUE}"
    return read_catalogue(CATALOGUE.read_text())


def catalogue_tasks(catalogue):
    return [task for area in catalogue["areas"] for task in area["tasks"]]


def all_catalogue_paths(catalogue):
    paths = [area["path"] for area in catalogue["areas"]]
    paths += [task["path"] for task in catalogue_tasks(catalogue)]
    paths += [journey["path"] for journey in catalogue["journeys"]]
    paths += [page["path"] for page in catalogue["site_pages"]]
    return sorted(set(paths))


def westmere(path="/"):
    """Lookup keywords for Westmere's page whose address ends with `path`: Fellside, the second demo council, has
    pages at some of the same addresses and slugs in its own tree (its home page is /fellside/, Westmere's /home/).
    `TaskPage.objects.get(**westmere("/council-tax/pay/"))`, `ServiceAreaPage.objects.get(**westmere(), slug="x")`."""
    return {"url_path__startswith": "/home/", "url_path__endswith": path}


@pytest.fixture
def close_response():
    """Close a view's response as the WSGI server does once it is sent (work left until then runs), keeping the
    test's database connection open: Django's test client does the same (request_finished closes old connections)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    def close(response):
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)

    return close


@pytest.fixture
def site_client(client):
    """A test client that talks to the demo site's host, as a browser on localhost would."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


# Users with the council's admin roles (governance and feedback) ----------------------------------------


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
