"""What every page reads (the request's site, the council's contact details and alert banner, the disruptions on
now) is kept like a page for residents the page cache cannot serve, and any change shows at once."""
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from service_status.models import Disruption
from wagtail.models import Site

from cms_pages.models import ServiceAreaPage, TaskPage
from sitewide.models import AlertBanner, CouncilSettings
from tests.conftest import westmere

pytestmark = [pytest.mark.django_db]
PAY = "/council-tax/pay/"
START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def with_session(site_client):
    """A visitor the page cache does not serve: they carry a session cookie."""
    cache.clear()
    site_client.cookies["sessionid"] = "someone"
    with override_settings(PAGE_CACHE_SECONDS=60, ALLOWED_HOSTS=["*"]):
        yield site_client
    cache.clear()


def get(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def test_the_site_contact_details_and_banner_are_read_once(with_session):
    get(with_session, PAY)
    _, again = get(with_session, PAY)
    tables = " ".join(again)
    assert "wagtailcore_site" not in tables
    assert "sitewide_councilsettings" not in tables and "sitewide_alertbanner" not in tables


def test_a_new_phone_number_and_banner_show_at_once(with_session):
    get(with_session, PAY)
    council = CouncilSettings.for_site(Site.objects.get(is_default_site=True))
    council.phone = "01632 960999"
    council.save()
    banner = AlertBanner.for_site(council.site)
    banner.is_active, banner.message = True, "Our offices are closed on Friday for staff training."
    banner.save()
    content, _ = get(with_session, PAY)
    assert "01632 960999" in content and "closed on Friday for staff training" in content


def test_a_banner_that_ends_goes_by_itself(with_session):
    banner = AlertBanner.for_site(Site.objects.get(is_default_site=True))
    banner.is_active, banner.message, banner.ends_at = True, "Snow: some roads are closed.", START
    banner.save()
    with time_machine.travel(START - timedelta(hours=1), tick=False):
        assert "Snow: some roads are closed." in get(with_session, PAY)[0]
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        assert "Snow: some roads are closed." not in get(with_session, PAY)[0]


def test_a_new_site_for_a_host_is_found_at_once_and_others_keep_the_default(with_session):
    assert "Pay your Council Tax" in get(with_session, PAY, HTTP_HOST="partner.example")[0]
    tax = TaskPage.objects.get(**westmere(PAY)).get_parent()
    Site.objects.create(hostname="partner.example", port=80, root_page=tax)
    # The partner site's root is the Council Tax area: its pay page is at /pay/ there.
    assert "Pay your Council Tax" in get(with_session, "/pay/", HTTP_HOST="partner.example")[0]
    assert with_session.get("/pay/", HTTP_HOST="localhost").status_code == 404


def test_a_disruption_shows_from_its_start_to_its_end_and_a_new_one_at_once(with_session):
    garden = "/bins-and-recycling/garden-waste/"
    later = Disruption.objects.create(
        title="Garden waste collections suspended because of snow", details="Leave your brown bin out.",
        starts_at=START, ends_at=START + timedelta(days=2),
    )
    later.pages.add(ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")))
    with time_machine.travel(START - timedelta(hours=1), tick=False):
        assert later.title not in get(with_session, garden)[0]
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert later.title in get(with_session, garden)[0]
        assert later.title in get(with_session, "/search/?q=garden+waste")[0]
        now = Disruption.objects.create(
            title="The recycling centre is closed today", details="Come back tomorrow.",
            starts_at=START, ends_at=START + timedelta(hours=5),
        )
        now.pages.add(TaskPage.objects.get(**westmere(garden)))
        assert now.title in get(with_session, garden)[0]
    with time_machine.travel(START + timedelta(days=3), tick=False):
        content = get(with_session, garden)[0]
        assert later.title not in content and now.title not in content
