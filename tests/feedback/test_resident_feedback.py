"""'Is this page useful?' on every (cached) page, and the editors' feedback dashboard."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from assistant.models import UnansweredQuestion
from cms_pages.models import ServiceAreaPage, TaskPage
from feedback.models import HandledSearch, PageFeedback, ServiceComment
from feedback.services import record_service_comment
from tests.conftest import westmere

pytestmark = pytest.mark.django_db
PATH = "/bins-and-recycling/report-a-missed-bin/"


def post(client, **data):
    return client.post("/feedback/", {"path": PATH, **data})


def test_every_page_has_the_question_and_a_cached_page_keeps_it(site_client):
    with override_settings(PAGE_CACHE_SECONDS=60):
        cache.clear()
        first = site_client.get(PATH)
        assert first["X-Page-Cache"] == "miss"  # the form sets no cookie, so the page is still cached
        assert not first.cookies
        assert site_client.get(PATH)["X-Page-Cache"] == "hit"
    html = first.content.decode()
    assert "Is this page useful?" in html
    assert 'action="/feedback/"' in html and f'name="path" value="{PATH}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Is this page useful?" in site_client.get("/").content.decode()


def test_an_answer_is_stored_without_personal_data_and_the_resident_goes_back_to_their_place(site_client):
    response = post(
        site_client,
        useful="no",
        trying_to_do="Find my bin day. Email me at jo.bloggs@example.org or call 07700 900123, WM1 1AA",
        unexpected="ignored",
    )
    assert response.status_code == 303
    assert response["Location"] == f"{PATH}?feedback=thanks#page-feedback"
    feedback = PageFeedback.objects.get()
    assert feedback.useful is False
    assert feedback.trying_to_do == "Find my bin day. Email me at [email] or call [phone], [postcode]"
    assert feedback.page.specific == TaskPage.objects.get(**westmere(PATH))
    assert feedback.service_area.title == "Bins and recycling"
    thanks = site_client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback." in thanks
    assert 'href="/testing-panel/join/"' in thanks  # the resident testing panel (resident_panel)


def test_javascript_gets_json_and_bad_input_is_refused(site_client):
    response = site_client.post("/feedback/", {"path": PATH, "useful": "yes"}, HTTP_ACCEPT="application/json")
    assert response.json() == {
        "ok": True, "message": "Thank you for your feedback.", "join_panel_url": "/testing-panel/join/"
    }
    assert PageFeedback.objects.get().useful is True
    assert site_client.post("/feedback/", {"path": PATH}, HTTP_ACCEPT="application/json").status_code == 400
    response = post(site_client, useful="maybe")
    assert response["Location"] == f"{PATH}?feedback=choose#page-feedback"
    assert "Choose Yes or No" in site_client.get(response["Location"]).content.decode()
    assert site_client.get("/feedback/").status_code == 405


def test_off_site_addresses_are_not_followed(site_client):
    response = site_client.post("/feedback/", {"path": "//evil.example/x", "useful": "yes"})
    assert response["Location"] == "/?feedback=thanks#page-feedback"


def test_the_honeypot_drops_bots_quietly_and_the_rate_limit_stops_floods(site_client):
    response = post(site_client, useful="yes", website="http://spam.example")
    assert response.status_code == 303
    assert not PageFeedback.objects.exists()
    with override_settings(FEEDBACK_RATE_LIMIT="3/m"):
        codes = [post(site_client, useful="yes").status_code for _ in range(5)]
    assert codes[:2] == [303, 303] and codes[-1] == 429


def test_the_csrf_exemption_is_deliberate(site_client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    assert strict.post("/feedback/", {"path": PATH, "useful": "yes"}).status_code == 303


def test_record_service_comment_redacts_and_finds_the_service_area():
    comment = record_service_comment(
        "complaint", "My bin was missed again, ring 01632 960123", service_area=PATH, reference="WDC-123"
    )
    assert comment.text == "My bin was missed again, ring [phone]"
    assert comment.service_area.title == "Bins and recycling"
    assert record_service_comment("compliment", "Thanks!").service_area is None
    area = ServiceAreaPage.objects.get(**westmere(), slug="council-tax")
    assert record_service_comment("comment", "ok", service_area=area).service_area.pk == area.pk
    with pytest.raises(ValueError):
        record_service_comment("praise", "nope")


@pytest.fixture
def feedback_data(site_client):
    post(site_client, useful="yes")
    post(site_client, useful="no", trying_to_do="Report a missed bin for my neighbour")
    post(site_client, useful="no")
    record_service_comment("complaint", "Missed three weeks running", service_area=PATH)
    UnansweredQuestion.objects.create(text="can I burn garden waste", page_url="http://localhost" + PATH)
    from search.models import SearchQueryLog

    SearchQueryLog.objects.create(query="skip hire", result_count=0)
    SearchQueryLog.objects.create(query="skip hire", result_count=0)
    SearchQueryLog.objects.create(query="bin day", result_count=4)
    SearchQueryLog.objects.create(query="zebra crossing paint colour", result_count=3, some_words_only=True)


def test_anonymous_and_plain_users_cannot_see_the_dashboard(client, plain_user):
    assert client.get("/admin/resident-feedback/").status_code == 302
    assert client.get("/admin/resident-feedback/export.csv").status_code == 302
    client.force_login(plain_user)
    for url in ("/admin/resident-feedback/", "/admin/resident-feedback/export.csv"):
        assert client.get(url).status_code in (302, 403)
    assert client.post("/admin/resident-feedback/dealt-with/", {"kind": "comment", "id": "1"}).status_code in (302, 403)


def test_the_dashboard_shows_usefulness_comments_searches_and_questions_by_service_area(client, editor, feedback_data):
    client.force_login(editor)
    html = client.get("/admin/resident-feedback/").content.decode()
    assert "Bins and recycling" in html
    assert "33%" in html  # 1 yes, 2 no
    assert "Report a missed bin for my neighbour" in html
    assert "Missed three weeks running" in html
    assert "skip hire" in html and "bin day" in html
    assert "can I burn garden waste" in html
    assert re.search(r"zebra crossing paint colour.*?</td><td>1</td><td>Only pages with some of the words</td>", html)
    assert "Resident feedback" in client.get("/admin/").content.decode()  # the menu item


def test_csv_export(client, editor, feedback_data):
    client.force_login(editor)
    response = client.get("/admin/resident-feedback/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["section", "service area", "item", "page"]
    sections = {row[0] for row in rows[1:]}
    assert {
        "Page usefulness",
        "Complaint",
        "Search with no results",
        "Search that found some of its words",
        "Top search",
        "Chat question not answered",
    } <= sections
    usefulness = next(row for row in rows if row[0] == "Page usefulness")
    assert usefulness[1:7] == ["Bins and recycling", "", PATH, "1", "2", "33"]


def test_items_can_be_marked_as_dealt_with(client, editor, feedback_data):
    client.force_login(editor)
    comment = ServiceComment.objects.get()
    question = UnansweredQuestion.objects.get()
    for kind, key in [("comment", comment.pk), ("question", question.pk), ("search", "skip hire"), ("page", PATH)]:
        assert client.post("/admin/resident-feedback/dealt-with/", {"kind": kind, "id": key}).status_code == 302
    comment.refresh_from_db()
    question.refresh_from_db()
    assert comment.dealt_with and question.dealt_with
    assert HandledSearch.objects.filter(query="skip hire").exists()
    assert not PageFeedback.objects.filter(dealt_with=False).exists()
    html = client.get("/admin/resident-feedback/").content.decode()
    assert "Missed three weeks running" not in html
    assert 'name="id" value="skip hire"' not in html  # still in top searches, but not a to-do
    assert "Missed three weeks running" in client.get("/admin/resident-feedback/?show=all").content.decode()


def test_csv_cells_cannot_run_as_formulas(client, editor):
    record_service_comment("comment", "=HYPERLINK(1)")
    client.force_login(editor)
    assert "'=HYPERLINK(1)" in client.get("/admin/resident-feedback/export.csv").content.decode()


def test_a_question_asked_again_is_listed_once_with_how_often_and_dealt_with_together(client, editor):
    for text in ("can I keep bees", "Can I keep bees", "can i keep bees", "can I keep goats"):
        UnansweredQuestion.objects.create(text=text, page_url=PATH)
    client.force_login(editor)
    html = client.get("/admin/resident-feedback/").content.decode()
    assert html.lower().count("can i keep bees") == html.lower().count("can i keep goats") > 0
    assert "(asked 3 times)" in html and "(asked 1 times)" not in html
    rows = list(csv.reader(io.StringIO(client.get("/admin/resident-feedback/export.csv").content.decode())))
    asked = {row[2].lower(): row[7] for row in rows if row[0] == "Chat question not answered"}
    assert asked == {"can i keep bees": "3", "can i keep goats": "1"}

    latest = UnansweredQuestion.objects.filter(text__iexact="can I keep bees").order_by("-created_at", "-pk").first()
    client.post("/admin/resident-feedback/dealt-with/", {"kind": "question", "id": latest.pk})
    assert list(UnansweredQuestion.objects.filter(dealt_with=False).values_list("text", flat=True)) == [
        "can I keep goats"]


def test_a_question_answered_wrongly_is_filed_under_the_page_it_was_answered_with(client, editor):
    # Issue 20: asked on the home page, answered with Garden waste, the resident said No: it was filed under
    # "No service area" and page "/".
    garden = TaskPage.objects.get(**westmere("/garden-waste/"))
    UnansweredQuestion.objects.create(
        text="how do I get rid of a sofa", page_url="/",
        intent=f"{UnansweredQuestion.NOT_HELPFUL_PREFIX}{garden.chat_key}",
    )
    client.force_login(editor)
    html = client.get("/admin/resident-feedback/").content.decode()
    section = html[html.index('id="unanswered"'):]
    assert section.index("<h3>Bins and recycling</h3>") < section.index("how do I get rid of a sofa")
    assert f"Answered with <a href=\"/admin/pages/{garden.pk}/edit/\">{garden.title}</a>" in section
    assert "Asked on Home" in section and "<td>/</td>" not in section
    rows = list(csv.reader(io.StringIO(client.get("/admin/resident-feedback/export.csv").content.decode())))
    (row,) = [row for row in rows if row[0] == "Chat question not answered"]
    assert row[1:4] == ["Bins and recycling", "how do I get rid of a sofa", "/bins-and-recycling/garden-waste/"]


def test_pages_are_named_by_title_and_a_task_and_its_form_never_look_the_same(client, editor, site_client):
    for path in ("/", PATH, PATH + "start/"):
        site_client.post("/feedback/", {"path": path, "useful": "no", "trying_to_do": f"help on {path}"})
    client.force_login(editor)
    html = client.get("/admin/resident-feedback/").content.decode()
    usefulness = html[html.index('id="usefulness"'):html.index('id="chat"')]
    task = TaskPage.objects.get(**westmere(PATH))
    assert '<a href="/">Home</a>' in usefulness and '<a href="/">/</a>' not in usefulness
    assert f'<a href="{PATH}">{task.title}</a>' in usefulness
    assert f'<a href="{PATH}start/">{task.title} — online form</a>' in usefulness
    comments = html[html.index('id="comments"'):html.index('id="service-comments"')]
    assert f'<a href="{PATH}start/">{task.title} — online form</a>' in comments
