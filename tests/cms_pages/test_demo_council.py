"""Every catalogue path is live, and loading the demo council again changes nothing."""
import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from cms_pages.demo.loader import DemoCouncilLoader, load_content
from cms_pages.models import TaskPage
from tests.conftest import all_catalogue_paths, catalogue_tasks, westmere

pytestmark = pytest.mark.django_db


def test_every_catalogue_path_renders_with_its_title(site_client, catalogue):
    titles = {task["path"]: task["title"] for task in catalogue_tasks(catalogue)}
    titles.update({area["path"]: area["title"] for area in catalogue["areas"]})
    titles.update({journey["path"]: journey["title"] for journey in catalogue["journeys"]})
    for path in all_catalogue_paths(catalogue):
        response = site_client.get(path)
        assert response.status_code == 200, path
        if path in titles:
            assert f">{titles[path]}</h1>" in response.content.decode().replace("&#x27;", "'"), path


def test_report_apply_pay_and_book_tasks_have_a_start_now_form(site_client, catalogue):
    for task in catalogue_tasks(catalogue):
        if task["kind"] not in ("report", "apply", "pay", "book"):
            continue
        page = TaskPage.objects.get(**westmere(task["path"]))
        form_page = page.get_form_page()
        assert form_page is not None, task["path"]
        html = site_client.get(task["path"]).content.decode()
        assert f'href="{form_page.url}"' in html and "Start now" in html, task["path"]
        assert site_client.get(form_page.url).status_code == 200


def test_demo_content_has_no_placeholder_text():
    text = str(load_content()).lower()
    assert "lorem" not in text and "ipsum" not in text


def test_loading_again_changes_nothing():
    pages_before = Page.objects.count()
    revisions_before = Revision.objects.count()
    latest = Page.objects.order_by("-last_published_at").values_list("last_published_at", flat=True).first()

    result = DemoCouncilLoader().run()

    assert result.created == [] and result.updated == []
    assert Page.objects.count() == pages_before
    assert Revision.objects.count() == revisions_before
    assert Page.objects.order_by("-last_published_at").values_list("last_published_at", flat=True).first() == latest


def test_loader_leaves_an_editors_change_alone_unless_asked_to_update(site_client):
    page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    page.summary = "Edited by an editor"
    page.save_revision().publish()

    call_command("load_demo_council", stdout=open("/dev/null", "w"))
    assert TaskPage.objects.get(pk=page.pk).summary == "Edited by an editor"

    call_command("load_demo_council", "--update", stdout=open("/dev/null", "w"))
    assert TaskPage.objects.get(pk=page.pk).summary != "Edited by an editor"


def test_the_right_task_is_two_clicks_from_the_home_page(site_client):
    """Home -> service area -> task: every task is reachable in two clicks."""
    home = site_client.get("/").content.decode()
    assert 'href="/bins-and-recycling/"' in home
    area = site_client.get("/bins-and-recycling/").content.decode()
    assert 'href="/bins-and-recycling/report-a-missed-bin/"' in area
