"""What every page shows from the content tree (cms_pages/templatetags/site_navigation.py): the chat's suggested
questions, the footer's service areas and the sidebar's "More in <service area>"."""
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms_pages.models import GuidePartPage, HomePage, ServiceAreaPage, StepByStepPage, TaskPage
from cms_pages.templatetags.site_navigation import chat_suggestions, footer_services, more_in_area
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(rf):
    return {"request": rf.get("/", HTTP_HOST="localhost")}


def test_chat_suggestions_are_the_first_top_tasks_with_a_question_the_assistant_was_taught(context):
    suggestions = json.loads(chat_suggestions(context))
    top_tasks = HomePage.objects.get(**westmere()).get_top_tasks()
    assert [s["title"] for s in suggestions] == [task.title for task in top_tasks][:4]
    missed_bin = TaskPage.objects.get(**westmere("/report-a-missed-bin/"))
    assert {"title": missed_bin.title, "payload": missed_bin.get_chat_questions()[0]} in suggestions
    bin_day = TaskPage.objects.get(**westmere("/bin-collection-day/"))
    if not bin_day.chat_enabled:  # the bot's own bin-day questions answer it: its title is sent
        assert {"title": bin_day.title, "payload": bin_day.title} in suggestions


def test_an_unpublished_top_task_is_not_suggested(context):
    first = HomePage.objects.get(**westmere()).get_top_tasks()[0]
    first.unpublish()
    assert first.title not in [s["title"] for s in json.loads(chat_suggestions(context))]


def test_no_request_no_suggestions():
    assert chat_suggestions({}) == "[]"


def test_the_footer_lists_every_live_service_area(context):
    areas = footer_services(context)["areas"]
    assert areas == [(area.url, area.title) for area in ServiceAreaPage.objects.live().filter(**westmere())]


def test_more_in_leaves_out_the_page_its_guide_and_what_the_page_already_links(context):
    task = TaskPage.objects.get(**westmere("/report-a-missed-bin/"))
    shown = more_in_area(context, task)
    assert shown["area"].title == "Bins and recycling"
    others = {page.pk for page in shown["others"]}
    assert task.pk not in others and not others & {page.pk for page in task.get_related()}

    part = GuidePartPage.objects.get(**westmere("/food-waste-caddy/"))
    guide = part.get_parent().specific
    assert guide.pk not in {page.pk for page in more_in_area(context, guide)["others"]}

    journey = StepByStepPage.objects.get(**westmere("/extend-your-home/"))
    assert not {page.pk for page in more_in_area(context, journey)["others"]} & journey.linked_page_ids()


def test_a_page_outside_a_service_area_has_no_more_in(context):
    journey = StepByStepPage.objects.get(**westmere("/moving-to-westmere/"))
    assert more_in_area(context, journey)["area"] is None


@override_settings(PAGE_CACHE_SECONDS=60)
def test_the_footer_and_chat_are_built_once_per_content_version_and_rebuilt_on_publish(rf, site_client):
    """An uncached page (a search, a form) does not read the footer's pages on every render; a publish shows at once."""
    from django.core.cache import cache

    cache.clear()

    def queries_for(path):
        with CaptureQueriesContext(connection) as ctx:
            html = site_client.get(path).content.decode()
        return len(ctx.captured_queries), html

    first, html = queries_for("/search/?q=bins")
    again, _ = queries_for("/search/?q=bins")
    assert again <= first - 5
    area = ServiceAreaPage.objects.get(**westmere(), slug="bins-and-recycling")
    assert f'href="{area.url}">{area.title}</a>' in html
    area.title = "Bins, recycling and waste"
    area.save_revision().publish()
    _, html = queries_for("/search/?q=bins")
    assert ">Bins, recycling and waste</a>" in html
    area.unpublish()
    _, html = queries_for("/search/?q=bins")
    assert "Bins, recycling and waste" not in html.split('id="footer-services-heading"')[1]
    cache.clear()
