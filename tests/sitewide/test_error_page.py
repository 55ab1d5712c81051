"""The page shown when the site fails (sitewide/error_page.py): the council's phone number comes from its contact
details, written at release, so it is right even when the database is what failed."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test import RequestFactory

from customer_connect import urls
from sitewide import error_page
from sitewide.models import CouncilSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def council():
    council = CouncilSettings.objects.get(site__is_default_site=True)
    council.phone, council.opening_hours = "01632 960123", "Monday to Thursday, 8am to 6pm"
    council.save()
    return council


def failure():
    return error_page.server_error(RequestFactory().get("/"))


def database_down(*args, **kwargs):
    raise DatabaseError("the database is down")


def test_the_written_page_has_the_councils_phone_and_hours(static_root, council):
    call_command("write_error_page")
    written = (static_root / "errors" / "500.html").read_text()
    assert "You can call us on 01632 960123, Monday to Thursday, 8am to 6pm." in written
    assert "01632 960000" not in written


def test_the_500_handler_serves_the_written_page_without_the_database(static_root, council, monkeypatch):
    error_page.write()
    council.phone = "01632 960555"  # changed since the release: the written page is what is shown
    council.save()
    monkeypatch.setattr(CouncilSettings, "for_site", database_down)
    response = failure()
    assert response.status_code == 500
    assert "01632 960123" in response.content.decode()


def test_without_a_written_page_the_handler_reads_the_contact_details(static_root, council):
    response = failure()
    assert response.status_code == 500 and "01632 960123" in response.content.decode()


def test_without_a_written_page_or_a_database_the_page_still_says_what_to_do(static_root, monkeypatch):
    monkeypatch.setattr(error_page, "contact_details", database_down)
    page = failure().content.decode()
    assert "Sorry, there is a problem with the service" in page and "Try again later." in page
    assert "call us" not in page


def test_django_uses_it_for_server_errors():
    assert urls.handler500 == "sitewide.error_page.server_error"


def test_without_static_root_nothing_is_written_and_the_handler_renders_it(settings, council):
    settings.STATIC_ROOT = None  # make run and the tests: static files come from the finders
    call_command("write_error_page")
    assert error_page.write() is None
    assert "01632 960123" in failure().content.decode()
