"""Checks where editors write: the plain-English check on the form's words, and the accessibility rules."""

import json
import re

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms_pages.models import ServiceAreaPage, TaskPage
from governance.accessibility import VAGUE_LINK_TEXT, vague_links
from tests.conftest import westmere

from .helpers import edit_form_data

pytestmark = pytest.mark.django_db
POMPOUS = "Utilise this facility in order to facilitate the notification of non-collection of receptacles."


@pytest.fixture
def missed_bin():
    return TaskPage.objects.get(**westmere("/bins-and-recycling/report-a-missed-bin/"))


def test_the_side_panel_shows_the_problems_the_workflow_task_finds_for_the_same_text(client, editor, missed_bin):
    client.force_login(editor)
    data = edit_form_data(client, missed_bin, summary=POMPOUS)
    live = client.post(f"/admin/governance/pages/{missed_bin.pk}/draft-check/", data).json()
    assert live["governed"] and not live["passed"]
    assert "words_to_avoid" in live["problems"]
    assert "Utilise</mark>" in live["html"] and "facilitate</mark>" in live["html"]
    assert TaskPage.objects.get(pk=missed_bin.pk).get_latest_revision().as_object().summary != POMPOUS  # not saved

    # The same form, submitted to the workflow: its plain-English task finds the same problems.
    data["action-submit"] = "action-submit"
    assert client.post(f"/admin/pages/{missed_bin.pk}/edit/", data).status_code == 302
    state = WorkflowState.objects.for_instance(missed_bin).latest("created_at")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == live["summary"]

    fixed = client.post(
        f"/admin/governance/pages/{missed_bin.pk}/draft-check/",
        edit_form_data(client, missed_bin, summary="Tell us if we did not empty your bin."),
    ).json()
    assert "words_to_avoid" not in fixed["problems"]


def test_the_side_panel_checks_a_new_page_before_it_is_saved(client, editor):
    area = ServiceAreaPage.objects.get(**westmere(), slug="bins-and-recycling")
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/cms_pages/taskpage/{area.pk}/").content.decode()
    url = re.search(r'data-governance-draft-check data-url="([^"]+)"', html).group(1)
    data = nested_form_data(
        {
            "title": "Report a broken bin",
            "slug": "",
            "summary": POMPOUS,
            "kind": "report",
            "body": streamfield([]),
            "related_pages": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    result = client.post(url, data).json()
    assert result["governed"] and "words_to_avoid" in result["problems"]
    assert not TaskPage.objects.filter(title="Report a broken bin").exists()


def test_the_editor_loads_the_live_check_and_the_content_accessibility_rules(client, editor, missed_bin):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{missed_bin.pk}/edit/").content.decode()
    assert "governance/js/draft-check.js" in html
    config = json.loads(re.search(r'id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert {"heading-order", "image-alt", "alt-text-quality", "link-name"} <= set(config["options"]["runOnly"])
    # No custom check as code: the Content-Security-Policy forbids eval, and axe would fail to start.
    assert all("evaluate" not in check for check in config["spec"]["checks"])


def test_the_checks_panel_flags_link_text_like_click_here(client, editor, missed_bin):
    for vague in ("click here", "Click here.", "here", "read more", "More"):
        assert VAGUE_LINK_TEXT.match(vague), vague
    for clear in ("Pay your Council Tax", "Report a missed bin", "more about bin days"):
        assert not VAGUE_LINK_TEXT.match(clear), clear
    client.force_login(editor)
    data = edit_form_data(client, missed_bin)
    body = (
        '<p>To tell us, <a href="https://example.org/report">click here</a>. '
        '<a href="https://example.org/days">Find your bin day</a>.</p>'
    )
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(body))])}))
    result = client.post(f"/admin/governance/pages/{missed_bin.pk}/draft-check/", data).json()
    assert result["vague_links"] == ["click here"]
    assert "click here" in result["html"] and "Say where the link goes" in result["html"]
    assert vague_links(missed_bin) == []  # the demo page itself is fine
