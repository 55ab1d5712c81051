"""Service status in Chromium on a phone (issue 26): the disruption's banner on the page it affects and the
service-status page, both passing axe."""
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from service_status.models import Disruption

from cms_pages.models import ServiceAreaPage
from tests.conftest import westmere

from .test_garden_waste import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_disruption_shows_on_its_page_and_the_service_status_page(page, live_server, demo_council):
    snow = Disruption.objects.create(title="Garden waste collections suspended in Eastbrook because of snow",
                                     details="Leave your brown bin out.", starts_at=timezone.now(),
                                     ends_at=timezone.now() + timedelta(days=1))
    snow.pages.add(ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")))
    page.goto(live_server.url + "/bins-and-recycling/garden-waste/")
    banner = page.get_by_role("region", name="Service update")
    expect(banner).to_contain_text("suspended in Eastbrook")
    assert_accessible(page)
    banner.get_by_role("link", name="See all service updates").click()
    expect(page.get_by_role("heading", level=2, name=snow.title)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "service-status", 390)
