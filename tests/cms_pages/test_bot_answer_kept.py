"""The assistant asks for a page's answer on most turns: the answer is kept like a page (until the next publish),
and what changes by the clock (a disruption starting or ending) is read on every call."""
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from service_status.models import Disruption

from cms_pages.models import ServiceAreaPage, TaskPage
from tests.conftest import westmere

pytestmark = [pytest.mark.django_db]
START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def kept(site_client):
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield site_client
    cache.clear()


def answer(client, key):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/bot/answer/", {"key": key})
    return response, len(queries.captured_queries)


def test_the_answer_is_read_once_until_a_publish(kept):
    first, first_queries = answer(kept, "pay_council_tax")
    again, again_queries = answer(kept, "pay_council_tax")
    assert again.json() == first.json() and again_queries < first_queries
    page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    page.answer = "Pay by direct debit, online or by phone on 01632 960123."
    page.save_revision().publish()
    assert answer(kept, "pay_council_tax")[0].json()["answer"] == page.answer


def test_an_unknown_or_unpublished_page_is_not_found(kept):
    assert answer(kept, "no_such_page")[0].status_code == 404
    assert answer(kept, "report_missed_bin")[0].status_code == 200
    TaskPage.objects.get(**westmere("/report-a-missed-bin/")).unpublish()
    assert answer(kept, "report_missed_bin")[0].status_code == 404


def test_a_disruption_is_in_the_answer_from_its_start_to_its_end(kept):
    snow = Disruption.objects.create(
        title="Garden waste collections suspended because of snow", details="Leave your brown bin out.",
        starts_at=START, ends_at=START + timedelta(days=1),
    )
    snow.pages.add(ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")))
    moments = [START - timedelta(hours=1), START + timedelta(hours=1), START + timedelta(days=2)]
    seen = []
    for moment in moments:
        with time_machine.travel(moment, tick=False):
            updates = answer(kept, "report_missed_bin")[0].json()["service_updates"]
            seen.append([update["title"] for update in updates])
    assert seen == [[], [snow.title], []]
