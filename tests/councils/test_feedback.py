"""Resident feedback per council: each council's editors see, export, mark as dealt with and teach from their own
council's page feedback, comments, failed searches and unanswered chat questions; a shared team sees its councils'
together, each item labelled with its council; another council's item is "not found"."""
import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from wagtail.models import GroupPagePermission, Page, Site

from assistant.models import UnansweredQuestion
from cms_pages.models import ServiceAreaPage
from feedback.models import HandledSearch, PageFeedback, ServiceComment
from feedback.services import record_service_comment
from sitewide.models import CouncilTeam
from tests.conftest import westmere

from .conftest import FELLSIDE_HOST
from .test_assistant_keys import QUESTIONS, fellside_bulky, switch_on

pytestmark = pytest.mark.django_db
PATH = "/bins-and-recycling/report-a-missed-bin/"
FELLSIDE, WESTMERE = "Fellside District Council", "Westmere District Council"
DASHBOARD = "/admin/resident-feedback/"
# What each council's residents told us, one of each kind
FELLSIDE_ITEMS = ["Fellside bins puzzle", "Fellside complaint about the tip", "fellside ferry question",
                  "zzfellsidequux"]
WESTMERE_ITEMS = ["Westmere bins puzzle", "Westmere complaint about the tip", "westmere windmill question",
                  "zzwestmerequux"]


def sites():
    return Site.objects.get(is_default_site=True), Site.objects.get(hostname=FELLSIDE_HOST)


def ask_the_bot(client, text):
    """The action server logs a question it could not answer, calling the bot API as the resident's council's
    host."""
    response = client.post("/api/bot/unanswered/", json.dumps({"text": text, "page_url": PATH}),
                           content_type="application/json", HTTP_AUTHORIZATION="Bearer t")
    assert response.status_code == 201


@pytest.fixture
def told(settings, site_client, fellside):
    settings.BOT_API_TOKEN = "t"
    westmere_site, fellside_site = sites()
    for client, items in ((fellside, FELLSIDE_ITEMS), (site_client, WESTMERE_ITEMS)):
        client.post("/feedback/", {"path": PATH, "useful": "no", "trying_to_do": items[0]})
        ask_the_bot(client, items[2])
        ask_the_bot(client, "can I burn garden waste")  # the same words in both councils
        client.get("/search/", {"q": items[3]})  # finds nothing
    fellside_bins = ServiceAreaPage.objects.get(url_path="/fellside/bins-and-recycling/")
    westmere_bins = ServiceAreaPage.objects.get(**westmere(), slug="bins-and-recycling")
    record_service_comment("complaint", FELLSIDE_ITEMS[1], service_area=fellside_bins)
    record_service_comment("complaint", WESTMERE_ITEMS[1], service_area=westmere_bins)


def editor_of(username, *site_list):
    """A member of a group that may see the dashboard and works for `site_list` (the default council if none)."""
    group = Group.objects.create(name=f"{username} feedback")
    group.permissions.add(Permission.objects.get(codename="access_admin"),
                          Permission.objects.get(codename="view_feedback_dashboard"))
    # Every page may be edited, so that a council's pages alone being offered to teach is the council's doing
    GroupPagePermission.objects.create(group=group, page=Page.objects.get(depth=1),
                                       permission=Permission.objects.get(codename="change_page"))
    for site in site_list:
        CouncilTeam.objects.create(group=group, site=site)
    user = User.objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(group)
    client = Client(HTTP_HOST="localhost")  # staff work in the default site's admin
    client.force_login(user)
    return client


@pytest.fixture
def fellside_editor():
    return editor_of("fiona", sites()[1])


@pytest.fixture
def westmere_editor():
    return editor_of("will")


@pytest.fixture
def shared_editor():
    return editor_of("sasha", *sites())


def export(client):
    return list(csv.reader(io.StringIO(client.get(DASHBOARD + "export.csv").content.decode())))


def test_the_bot_api_and_page_feedback_log_the_resident_s_council(told):
    westmere_site, fellside_site = sites()
    assert UnansweredQuestion.objects.get(text=FELLSIDE_ITEMS[2]).site == fellside_site
    assert UnansweredQuestion.objects.get(text=WESTMERE_ITEMS[2]).site == westmere_site
    assert PageFeedback.objects.get(trying_to_do=FELLSIDE_ITEMS[0]).page.url_path.startswith("/fellside/")
    assert ServiceComment.objects.get(text=FELLSIDE_ITEMS[1]).site == fellside_site


@pytest.mark.parametrize("who, sees, not_seen", [
    ("fellside_editor", FELLSIDE_ITEMS, WESTMERE_ITEMS),
    ("westmere_editor", WESTMERE_ITEMS, FELLSIDE_ITEMS),
])
def test_a_council_s_editor_sees_and_exports_only_their_council_s_feedback(request, told, who, sees, not_seen):
    client = request.getfixturevalue(who)
    html = client.get(DASHBOARD).content.decode()
    cells = {cell for row in export(client) for cell in row}
    for item in sees:
        assert item in html and item in cells
    for item in not_seen:
        assert item not in html and item not in cells
    assert html.count("<tr><td>can I burn garden waste") == 1  # their council's asking only
    assert 'class="wm-council"' not in html  # one council: no labels
    assert {row[-1] for row in export(client)[1:]} == {""}


def test_a_shared_team_sees_both_councils_feedback_each_labelled(told, shared_editor):
    html = shared_editor.get(DASHBOARD).content.decode()
    labelled = [(item, FELLSIDE) for item in FELLSIDE_ITEMS] + [(item, WESTMERE) for item in WESTMERE_ITEMS]
    for item, council in labelled:
        assert item in html
        row = html[html.rindex("<tr>", 0, html.index(item)):html.index("</tr>", html.index(item))]
        assert council in row, item
    rows = export(shared_editor)
    council_column = rows[0].index("council")
    for item, council in [(FELLSIDE_ITEMS[2], FELLSIDE), (WESTMERE_ITEMS[2], WESTMERE),
                          (FELLSIDE_ITEMS[3], FELLSIDE), (WESTMERE_ITEMS[0], WESTMERE)]:
        assert next(row for row in rows if item in row)[council_column] == council
    burn = [row[council_column] for row in rows if "can I burn garden waste" in row]
    assert sorted(burn) == [FELLSIDE, WESTMERE]  # the same words, counted per council


def mark(client, kind, key, **extra):
    return client.post(DASHBOARD + "dealt-with/", {"kind": kind, "id": key, **extra})


def test_another_council_s_item_is_not_found(told, fellside_editor):
    westmere_question = UnansweredQuestion.objects.get(text=WESTMERE_ITEMS[2])
    assert fellside_editor.get(f"{DASHBOARD}teach/{westmere_question.pk}/").status_code == 404
    westmere_feedback = PageFeedback.objects.get(trying_to_do=WESTMERE_ITEMS[0])
    westmere_comment = ServiceComment.objects.get(text=WESTMERE_ITEMS[1])
    for kind, key in [("question", westmere_question.pk), ("feedback", westmere_feedback.pk),
                      ("comment", westmere_comment.pk)]:
        mark(fellside_editor, kind, key)
    assert not UnansweredQuestion.objects.filter(dealt_with=True).exists()
    assert not PageFeedback.objects.filter(dealt_with=True).exists()
    assert not ServiceComment.objects.filter(dealt_with=True).exists()
    fellside_question = UnansweredQuestion.objects.get(text=FELLSIDE_ITEMS[2])
    assert fellside_editor.get(f"{DASHBOARD}teach/{fellside_question.pk}/").status_code == 200


def test_marking_dealt_with_touches_only_the_user_s_council(told, fellside_editor, westmere_editor):
    fellside_site = sites()[1]
    burn = UnansweredQuestion.objects.get(text="can I burn garden waste", site=fellside_site)
    mark(fellside_editor, "question", burn.pk)
    mark(fellside_editor, "page", PATH)  # the same address in both councils
    mark(fellside_editor, "search", "zzwestmerequux")  # for Fellside's searches only
    assert list(UnansweredQuestion.objects.filter(dealt_with=True)) == [burn]
    assert {item.trying_to_do for item in PageFeedback.objects.filter(dealt_with=True)} == {FELLSIDE_ITEMS[0]}
    mark(fellside_editor, "search", "zzfellsidequux")
    assert set(HandledSearch.objects.values_list("site", flat=True)) == {fellside_site.pk}
    assert "zzfellsidequux" not in fellside_editor.get(DASHBOARD).content.decode().split("Top searches")[0]
    html = westmere_editor.get(DASHBOARD).content.decode()
    assert "can I burn garden waste" in html and WESTMERE_ITEMS[0] in html
    assert 'name="id" value="zzwestmerequux"' in html


def test_teaching_offers_the_question_s_council_s_pages(told, fellside_editor):
    switch_on(fellside_bulky(), QUESTIONS)
    question = UnansweredQuestion.objects.get(text=FELLSIDE_ITEMS[2])
    html = fellside_editor.get(f"{DASHBOARD}teach/{question.pk}/").content.decode()
    options = [int(pk) for pk in re.findall(r'<option value="(\d+)"', html)]
    assert fellside_bulky().pk in options
    assert all(Page.objects.get(pk=pk).url_path.startswith("/fellside/") for pk in options)


def test_each_council_s_editors_read_their_own_chat_containment_rate(fellside_editor, westmere_editor):
    from datetime import timedelta

    from django.utils import timezone

    from assistant.conversations import record_turn
    from feedback.queries import Dashboard

    westmere_site, fellside_site = sites()
    for n in range(3):
        record_turn(f"fellside-{n}", site=fellside_site)
    record_turn("westmere-1", site=westmere_site)
    record_turn("before-councils")  # an older conversation: the default council's
    from assistant.models import ChatConversation

    earlier = timezone.now() - timedelta(hours=2)  # ended: no message for longer than the idle time
    ChatConversation.objects.update(started_at=earlier, last_message_at=earlier)
    assert Dashboard(User.objects.get(username="fiona")).containment()["ended"] == 3
    assert Dashboard(User.objects.get(username="will")).containment()["ended"] == 2
