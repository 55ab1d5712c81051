"""Each page type shows residents the content editors gave it."""
import html
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from cms_pages.models import (
    ContactPage,
    GuidePage,
    HomePage,
    ServiceAreaPage,
    SignpostPage,
    StepByStepPage,
    TaskPage,
    UrgentPage,
)
from sitewide.models import AlertBanner, CouncilSettings
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


def get_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_home_page_leads_with_top_tasks_search_and_service_areas(site_client):
    home = HomePage.objects.get(**westmere())
    content = get_html(site_client, home)
    top_tasks = home.get_top_tasks()
    assert len(top_tasks) >= 6
    first_task_at = content.index(top_tasks[0].title)
    assert content.index('role="search"', content.index("<main")) < first_task_at
    for area in ServiceAreaPage.objects.live().filter(**westmere()):
        assert f'href="{area.url}"' in content
        assert area.summary in content
        assert first_task_at < content.index(f'href="{area.url}"', content.index("<main"))


def test_service_area_lists_its_tasks_with_summaries(site_client):
    area = ServiceAreaPage.objects.get(**westmere(), slug="bins-and-recycling")
    content = get_html(site_client, area)
    tasks = area.get_tasks()
    assert len(tasks) == 7
    for task in tasks:
        assert task.title in content and task.summary in content


def test_task_page_shows_what_residents_need_before_they_start(site_client):
    task = TaskPage.objects.get(**westmere(), slug="report-a-missed-bin")
    content = get_html(site_client, task)
    for text in (task.summary, task.who_can_use, task.cost, task.time_taken, *task.what_you_need_list()):
        assert text in content
    assert f'href="{task.get_form_page().url}"' in content
    assert "If you need help" in content and 'href="/contact-us/"' in content
    for related in task.get_related():
        assert f'href="{related.specific.url}"' in content


def test_info_task_has_no_start_button(site_client):
    content = get_html(site_client, TaskPage.objects.get(**westmere(), slug="bin-collection-day"))
    assert "Start now" not in content


def test_guide_parts_have_contents_and_previous_next_links(site_client):
    guide = GuidePage.objects.get(**westmere(), slug="what-goes-in-which-bin")
    parts = guide.get_parts()
    assert len(parts) >= 3
    first = get_html(site_client, guide)
    for part in parts[1:]:
        assert f'href="{part.url}"' in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    middle = get_html(site_client, parts[1])
    assert f'href="{guide.url}" rel="prev"' in middle and f'href="{parts[2].url}" rel="next"' in middle
    last = get_html(site_client, parts[-1])
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_step_by_step_numbers_its_steps_and_links_to_tasks(site_client, catalogue):
    for journey in catalogue["journeys"]:
        page = StepByStepPage.objects.get(**westmere(journey["path"]))
        content = get_html(site_client, page)
        start = content.index('class="wm-step-by-step"')
        positions = [content.index(f'href="{path}"', start) for path in journey["steps"]]
        assert positions == sorted(positions), journey["path"]
        assert "Step</span> 1" in content


def test_task_in_a_journey_shows_the_step_by_step_side_navigation(site_client):
    task = TaskPage.objects.get(**westmere("/council-tax/moving-home/"))
    content = get_html(site_client, task)
    assert "Part of" in content and 'href="/moving-to-westmere/"' in content
    assert 'aria-current="page"' in content


def test_signpost_says_who_does_it_and_links_there(site_client):
    page = SignpostPage.objects.get(**westmere(), slug="report-a-pothole")
    content = get_html(site_client, page)
    assert page.organisation in content and f'href="{page.organisation_url}"' in content
    assert "Westmere County Council" in page.organisation


def test_urgent_page_puts_phone_numbers_first(site_client):
    page = UrgentPage.objects.get(**westmere(), slug="homelessness")
    content = get_html(site_client, page)
    main = content[content.index("<main"):]
    assert main.index(page.phone) < main.index(page.summary)
    assert page.out_of_hours_phone in main and "out of hours" in main.lower()


def test_contact_page_has_phone_address_hours_and_face_to_face_help(site_client):
    page = ContactPage.objects.get(**westmere("/contact-us/"))
    council = CouncilSettings.for_site(Site.objects.get(is_default_site=True))
    content = get_html(site_client, page)
    for text in (council.phone, council.address, council.opening_hours, "face to face"):
        assert text in content


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/cookies/"])
def test_statement_pages_exist(site_client, path):
    assert site_client.get(path).status_code == 200


def test_alert_banner_shows_on_every_page_until_its_end_time(site_client):
    banner = AlertBanner.for_site(Site.objects.get(is_default_site=True))
    banner.is_active, banner.severity = True, "emergency"
    banner.title, banner.message = "Flooding", "Riverside Road is closed because of flooding."
    banner.ends_at = timezone.now() + timedelta(hours=2)
    banner.save()
    for path in ("/", "/council-tax/pay/", "/contact-us/"):
        assert "Riverside Road is closed" in site_client.get(path).content.decode()
    assert "wm-alert-banner--emergency" in site_client.get("/").content.decode()

    banner.ends_at = timezone.now() - timedelta(minutes=1)
    banner.save()
    assert "Riverside Road is closed" not in site_client.get("/").content.decode()


def test_every_page_has_breadcrumbs_and_last_updated(site_client):
    content = get_html(site_client, TaskPage.objects.get(**westmere(), slug="report-a-missed-bin"))
    assert 'class="govuk-breadcrumbs"' in content and 'href="/bins-and-recycling/"' in content
    assert "Last updated:" in content
