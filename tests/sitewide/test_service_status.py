"""Service status (issue 26): a disruption shows on the pages it affects and theirs below, at the top of search
results for them, in the assistant's answer for them and in the bin-day answer for an affected postcode, and on
/service-status/ with its Atom feed, while it lasts; it ends by itself (the clock moved in the test)."""
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from service_status.models import Disruption

from cms_pages.models import ServiceAreaPage, TaskPage
from tests.conftest import westmere

pytestmark = pytest.mark.django_db
START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
GARDEN = "/bins-and-recycling/garden-waste/"


@pytest.fixture
def snow():
    cache.clear()
    disruption = Disruption.objects.create(
        title="Garden waste collections suspended in Eastbrook because of snow",
        details="Leave your brown bin out. We will empty it when the roads are clear.",
        postcodes="WM4 6", starts_at=START, ends_at=START + timedelta(days=2),
    )
    disruption.pages.add(ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")))
    return disruption


@pytest.fixture
def bot_api(client, settings):
    settings.BOT_API_TOKEN = "t"
    client.defaults["HTTP_AUTHORIZATION"] = "Bearer t"
    return client


def test_while_it_lasts_it_is_on_its_pages_search_the_assistant_and_the_status_page(client, bot_api, snow):
    with time_machine.travel(START + timedelta(hours=3), tick=False):
        assert snow.title in client.get(GARDEN).content.decode()  # a page below the area it is on
        assert snow.title in client.get(GARDEN + "start/").content.decode()  # and the form
        assert snow.title not in client.get("/council-tax/").content.decode()
        assert snow.title in client.get("/search/?q=garden+waste").content.decode()
        answer = bot_api.get("/api/bot/answer/?key=garden_waste").json()
        assert [u["title"] for u in answer["service_updates"]] == [snow.title]
        at = bot_api.get("/api/bot/bin-day/?postcode=WM4+6BR").json()
        elsewhere = bot_api.get("/api/bot/bin-day/?postcode=WM1+1AA").json()
        assert [u["title"] for u in at["service_updates"]] == [snow.title] and elsewhere["service_updates"] == []
        status = client.get("/service-status/").content.decode()
        assert snow.title in status and "Only at WM4 6" in status
        feed = client.get("/service-status/feed/")
        assert feed["Content-Type"].startswith("application/atom+xml") and snow.title in feed.content.decode()


def test_it_ends_by_itself(client, bot_api, snow):
    with time_machine.travel(START + timedelta(days=2, minutes=1), tick=False):
        assert snow.title not in client.get(GARDEN).content.decode()
        assert bot_api.get("/api/bot/answer/?key=garden_waste").json()["service_updates"] == []
        assert "All council services are running as normal." in client.get("/service-status/").content.decode()
    with time_machine.travel(START - timedelta(minutes=1), tick=False):
        assert snow.title not in client.get(GARDEN).content.decode()  # nor before it starts


def test_the_admin_refuses_an_end_before_the_start_and_a_postcode_that_is_not_one(snow):
    from django.core.exceptions import ValidationError

    snow.ends_at = snow.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError):
        snow.full_clean()
    snow.ends_at, snow.postcodes = snow.starts_at + timedelta(hours=1), "Eastbrook"
    with pytest.raises(ValidationError):
        snow.full_clean()
    assert TaskPage.objects.filter(**westmere(GARDEN)).exists()
