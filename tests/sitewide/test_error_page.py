"""The page shown when the site fails (sitewide/error_page.py): the council's phone number comes from its contact
details, written at release, so it is right even when the database is what failed."""

import base64
import hashlib

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
    error_page.write_all()
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
    assert error_page.write_all() == []
    assert "01632 960123" in failure().content.decode()


# One page per council: nginx serves each host its own council's (deploy/nginx/site.conf.template).

FELLSIDE = "fellside.localhost"


def test_each_council_gets_its_own_page_with_its_own_name_phone_and_colour(static_root, council):
    call_command("write_error_page")
    westmere = (static_root / "errors" / "500.html").read_text()  # the default site's: any host no council claims
    fellside = (static_root / "errors" / f"500-{FELLSIDE}.html").read_text()
    assert "Westmere District Council" in westmere and "01632 960123" in westmere
    assert "Fellside District Council" in fellside
    assert "You can call us on 01632 960500, Monday to Thursday, 8:30am to 5pm" in fellside
    assert "Fellside" not in westmere and "01632 960500" not in westmere
    assert "Westmere" not in fellside and "01632 960123" not in fellside
    assert "#00625e" in westmere and "#005a30" in fellside  # teal and green headers
    assert sorted(p.name for p in (static_root / "errors").iterdir()) == ["500-fellside.localhost.html", "500.html"]


def test_a_removed_councils_page_goes_at_the_next_release(static_root, council):
    (static_root / "errors").mkdir()
    (static_root / "errors" / "500-gone.example.org.html").write_text("An old council's phone number")
    call_command("write_error_page")
    assert not (static_root / "errors" / "500-gone.example.org.html").exists()


def test_the_500_handler_serves_the_page_for_the_requests_host(static_root, council, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["*"]
    call_command("write_error_page")
    monkeypatch.setattr(CouncilSettings, "for_site", database_down)  # the written pages need no database
    fellside = error_page.server_error(RequestFactory().get("/", HTTP_HOST=f"{FELLSIDE}:8080"))
    unknown = error_page.server_error(RequestFactory().get("/", HTTP_HOST="elsewhere.example.org"))
    assert "01632 960500" in fellside.content.decode() and "01632 960123" in unknown.content.decode()


def test_a_hostname_never_names_a_file_outside_the_folder():
    assert error_page.page_name("../../etc/passwd") == "500.html"
    assert error_page.page_name("Fellside.Localhost") == "500-fellside.localhost.html"
    assert error_page.page_name(None) == "500.html"


def test_the_pages_brand_colour_is_allowed_by_the_content_security_policy(static_root, council):
    """Public pages allow no inline styles: the error page's one <style> is allowed by its hash."""
    call_command("write_error_page")
    response = error_page.server_error(RequestFactory().get("/"))
    style = error_page.INLINE_STYLE.search(response.content.decode())[1]
    assert "#00625e" in style
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert response._csp_update == {"style-src": [f"'sha256-{digest}'"]}
