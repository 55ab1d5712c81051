"""`manage.py merge_councils OLD NEW`: Fellside (the demo's second council) merged into Westmere. A dry run lists
what moves and what clashes and changes nothing; the merger moves Fellside's own services into Westmere's tree,
answers every old Fellside address on fellside.localhost with a 301 to a live Westmere page, keeps every FEL-
reference trackable, puts the moved pages in Westmere's search, lets the bot answer a Fellside chat key from the
merged page and queues the gated assistant update (never trains here)."""
import json
import re
from io import StringIO
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from assistant_updates.models import AssistantUpdate
from casework.models import Submission
from cms_pages.models import TaskFormPage, TaskPage
from tests.conftest import westmere

from .conftest import FELLSIDE_HOST

pytestmark = pytest.mark.django_db
VISIT = "/bins-and-recycling/book-a-recycling-centre-visit/"  # only Fellside has it
BULKY = "/bins-and-recycling/bulky-waste/"  # both councils have it
QUESTIONS = [  # none of them Westmere's (a question teaches one page of a council)
    "book a visit to tarn road", "tarn road tip slot", "tip booking in fellside", "fellside dump booking",
    "can I book tarn road for saturday", "book tarn road recycling centre", "slot at tarn road",
    "tarn road booking for my van", "reserve a fellside tip visit", "tarn road tip booking",
]


@pytest.fixture(autouse=True)
def fellside_without_chat():
    """The scenarios start from Fellside with none of its pages on chat (a test switches on the keys it is
    about), so its tip booking is a service only Fellside has; the demo's own chat keys are one intent with
    Westmere's, which the dry run of the demo data reports as clashes by key."""
    for page in Page.objects.filter(url_path__startswith="/fellside/").specific():
        if getattr(page, "chat_key", ""):
            type(page).objects.filter(pk=page.pk).update(chat_key="", chat_enabled=False, chat_questions="")


def merge(*options):
    out = StringIO()
    call_command("merge_councils", "fellside.localhost", "localhost", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def merged(settings, django_capture_on_commit_callbacks):
    """Runs the merger with the production task queue (TASKS_BACKEND=database): starting an update queues a task for
    the worker, which no test runs, so nothing trains; its after-commit work runs as after a real commit."""
    settings.TASKS_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run(*options):
        with django_capture_on_commit_callbacks(execute=True):
            return merge(*options)

    return run


def fellside_paths():
    home = Site.objects.get(hostname=FELLSIDE_HOST).root_page
    return ["/" + page.url_path[len(home.url_path):] for page in home.get_descendants(inclusive=True)]


def rows():
    """Everything a merger changes, to compare before and after a dry run."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "url_path", "live")),
        "redirects": Redirect.objects.count(),
        "updates": AssistantUpdate.objects.count(),
        "requests": sorted(Submission.objects.values_list("pk", "page_id")),
        "sites": sorted(Site.objects.values_list("pk", "hostname", "site_name", "root_page_id")),
        "keys": sorted(TaskPage.objects.values_list("pk", "chat_key", "chat_questions")),
    }


def switch_on(page, questions):
    page.chat_questions = "\n".join(questions)
    page.chat_enabled = True
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_dry_run_lists_what_moves_and_what_clashes_and_changes_nothing():
    Submission.objects.create(page=TaskFormPage.objects.get(url_path=f"/fellside{BULKY}start/"), form_data={})
    before = rows()
    out = StringIO()
    call_command("merge_councils", "Fellside", "Westmere", "--dry-run", stdout=out)  # by name too
    report = out.getvalue()
    assert rows() == before
    assert "DRY RUN: nothing has been changed." in report
    assert f"  {VISIT} -> {VISIT} (with 1 beneath)" in report  # its form moves with it
    assert f"  {BULKY}: the same address as the new council's {BULKY}" in report
    assert f"  {BULKY}start/: the same form as the new council's {BULKY}start/" in report
    assert f"keep-new (default): the old page is retired and sends residents to {BULKY}" in report
    assert re.search(rf"1 of {BULKY}start/: now under {BULKY}start/: FEL-", report)


def test_the_report_can_be_written_to_a_file_and_a_mapping_must_name_real_pages(tmp_path):
    merge("--dry-run", "--report", str(tmp_path / "report.txt"))
    assert "Clashes (" in (tmp_path / "report.txt").read_text()
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("/no-such-page/: keep-old\n")
    with pytest.raises(CommandError, match="/no-such-page/"):
        merge("--dry-run", "--mapping", str(mapping))
    mapping.write_text(json.dumps({"/bins-and-recycling/": "keep-old"}))  # would retire Westmere's other bins pages
    with pytest.raises(CommandError, match="keep-old would retire"):
        merge("--dry-run", "--mapping", str(mapping))


def test_every_old_fellside_address_answers_301_with_a_live_westmere_page(merged, fellside):
    paths = fellside_paths()
    assert len(paths) > 10
    merged()
    for path in paths:
        response = fellside.get(path)
        assert response.status_code == 301, path
        location = urlsplit(response["Location"])
        assert location.hostname == "localhost", path  # an absolute address on Westmere's host
        assert Client(HTTP_HOST=location.netloc).get(location.path).status_code == 200, path
    assert urlsplit(fellside.get(VISIT)["Location"]).path == VISIT
    assert urlsplit(fellside.get("/privacy/")["Location"]).path == "/privacy/"
    moved = TaskPage.objects.get(**westmere(VISIT))
    assert moved.live and moved.url_path == "/home" + VISIT
    with pytest.raises(CommandError, match="merged already"):
        merged()


def test_every_old_reference_still_tracks_on_both_hosts(merged, fellside, site_client):
    retired_form = TaskFormPage.objects.get(url_path=f"/fellside{BULKY}start/")
    moved_form = TaskFormPage.objects.get(url_path=f"/fellside{VISIT}start/")
    old = [Submission.objects.create(page=form, form_data={}, email="resident@example.org", task_title=form.title)
           for form in (retired_form, moved_form)]
    merged()
    for request in old:
        request.refresh_from_db()
        assert request.reference.startswith("FEL-")
        assert request.page.live and request.page.url_path.startswith("/home/")
        for client in (fellside, site_client):
            response = client.post("/track/", {"reference": request.reference, "email": "resident@example.org"})
            assert response.status_code == 200 and request.reference in response.content.decode()
    assert old[0].page_id == TaskFormPage.objects.get(**westmere(f"{BULKY}start/")).pk  # the form that stays
    assert old[1].page_id == moved_form.pk


def test_fellside_s_own_pages_are_in_westmere_s_search(merged, site_client):
    def result_paths(query):
        html = site_client.get("/search/", {"q": query}).content.decode()
        return [unquote(url) for url in re.findall(r"url=([^\"&]+)", html)]

    assert VISIT not in result_paths("Tarn Road recycling centre")
    merged()
    assert VISIT in result_paths("Tarn Road recycling centre")
    titles = [r["title"] for r in site_client.get("/api/search/autocomplete/", {"q": "tarn"}).json()["results"]]
    assert "Book a visit to Tarn Road recycling centre" in titles


def test_a_fellside_chat_key_is_answered_from_the_merged_page_and_an_update_is_queued(merged, settings, client):
    settings.BOT_API_TOKEN = "t"
    key = switch_on(TaskPage.objects.get(url_path=f"/fellside{VISIT}"), QUESTIONS).chat_key
    assert key

    def answer():
        return client.get("/api/bot/answer/", {"key": key}, HTTP_HOST="localhost", HTTP_AUTHORIZATION="Bearer t")

    assert answer().status_code == 404  # Westmere has no such page yet
    report = merged()
    assert f"{key} -> {VISIT} (moves with its page)" in report
    response = answer()
    assert response.status_code == 200 and "Tarn Road" in response.json()["answer"]
    update = AssistantUpdate.objects.get()
    assert update.outcome == AssistantUpdate.Outcome.QUEUED  # for the worker; nothing trained
    assert "Fellside District Council into Westmere District Council" in update.started_by_name
    task = DBTaskResult.objects.get(task_path__endswith="run_update_task")  # the worker's, not run here
    assert task.args_kwargs["args"] == [update.pk]


def test_keep_old_puts_fellside_s_page_at_the_address_and_retires_westmere_s(merged, tmp_path, settings, client):
    settings.BOT_API_TOKEN = "t"
    westmere_bulky = TaskPage.objects.get(**westmere(BULKY))
    westmere_form = TaskFormPage.objects.get(**westmere(f"{BULKY}start/"))
    westmere_request = Submission.objects.create(page=westmere_form, form_data={})
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(f"{BULKY}: keep-old\n")
    report = merged("--mapping", str(mapping))
    assert f"keep-old (mapping): the old page moves to {BULKY}" in report
    assert "bulky_waste -> " + BULKY + " (given to that page, which had no key)" in report

    kept = TaskPage.objects.get(**westmere(BULKY))
    assert kept.pk != westmere_bulky.pk and kept.live and "£25" in kept.summary  # Fellside's price
    assert not Page.objects.get(pk=westmere_bulky.pk).live
    westmere_request.refresh_from_db()
    assert westmere_request.page_id == TaskFormPage.objects.get(**westmere(f"{BULKY}start/")).pk
    response = client.get("/api/bot/answer/", {"key": "bulky_waste"}, HTTP_HOST="localhost",
                          HTTP_AUTHORIZATION="Bearer t")
    assert response.status_code == 200 and "£25" in response.json()["answer"]
    assert Client(HTTP_HOST="localhost").get(BULKY).status_code == 200


def test_a_moved_page_links_to_no_retired_page(merged, site_client):
    merged()
    html = site_client.get(VISIT).content.decode()
    assert "fellside.localhost" not in html
    assert f'href="{BULKY}"' in html  # its related page is Westmere's bulky waste page now


def test_a_page_with_the_new_council_s_chat_key_retires_and_its_address_answers_on_both_hosts(merged, site_client,
                                                                                             fellside):
    TaskPage.objects.filter(url_path=f"/fellside{VISIT}").update(chat_key="recycling_centres")  # Westmere's tip's
    report = merged()
    tip = "/bins-and-recycling/recycling-centres/"
    assert f"  {VISIT}: the same chat key recycling_centres as the new council's {tip}" in report
    assert "recycling_centres -> /bins-and-recycling/recycling-centres/ (the same key: one intent already)" in report
    for client in (fellside, site_client):  # a moved page's link to it is a path on the new council's site
        response = client.get(VISIT)
        assert response.status_code == 301
        assert urlsplit(response["Location"]).path == "/bins-and-recycling/recycling-centres/"
    assert site_client.get("/contact-us/").status_code == 200  # the new council's own pages are never redirected
    assert not Redirect.objects.filter(site__is_default_site=True, old_path="/contact-us").exists()


def test_no_cached_copy_of_an_old_page_outlives_the_merger(merged, settings, fellside):
    settings.PAGE_CACHE_SECONDS = 300
    assert fellside.get("/bins-and-recycling/").status_code == 200
    assert fellside.get("/bins-and-recycling/")["X-Page-Cache"] == "hit"
    merged()
    assert fellside.get("/bins-and-recycling/").status_code == 301


def test_move_keeps_both_pages_of_a_chat_key_clash_and_the_key_with_the_new_council_s_page(merged, tmp_path):
    visit = switch_on(TaskPage.objects.get(url_path=f"/fellside{VISIT}"), QUESTIONS)
    TaskPage.objects.filter(pk=visit.pk).update(chat_key="recycling_centres")  # Westmere's tip's
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(f"{VISIT}: move\n")
    report = merged("--mapping", str(mapping))
    assert f"move (mapping): the old page moves to {VISIT}" in report
    moved = TaskPage.objects.get(pk=visit.pk)
    assert moved.live and moved.url_path == "/home" + VISIT and moved.chat_key == "" and not moved.chat_enabled
    tip = TaskPage.objects.get(**westmere("/bins-and-recycling/recycling-centres/"))
    assert tip.chat_key == "recycling_centres" and "tarn road tip booking" in tip.get_chat_questions()


def test_a_retired_page_s_own_key_is_an_alias_whose_questions_join_the_page_that_stays(merged):
    bulky_questions = [f"fellside bulky question {n}" for n in range(10)]
    fellside_bulky = switch_on(TaskPage.objects.get(url_path=f"/fellside{BULKY}"), bulky_questions)
    TaskPage.objects.filter(pk=fellside_bulky.pk).update(chat_key="fellside_bulky")
    report = merged()
    assert f"fellside_bulky -> {BULKY} (alias of bulky_waste: its questions join that page's)" in report
    kept = TaskPage.objects.get(**westmere(BULKY))
    assert kept.chat_key == "bulky_waste" and set(bulky_questions) <= set(kept.get_chat_questions())
    assert TaskPage.objects.get(pk=fellside_bulky.pk).chat_questions == ""  # a question teaches one page


def test_a_merger_that_fails_half_way_changes_nothing(merged, tmp_path):
    # Fellside's tip page takes Westmere's bulky waste key; keep-old would retire Westmere's bulky waste page to where
    # the tip page was, beside Fellside's own bulky-waste page: the same slug twice, found only while moving.
    TaskPage.objects.filter(url_path=f"/fellside{VISIT}").update(chat_key="bulky_waste")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(f"{VISIT}: keep-old\n")
    before = rows()
    with pytest.raises(CommandError, match="Nothing was changed"):
        merged("--mapping", str(mapping))
    assert rows() == before


def test_an_old_form_s_steps_and_payment_returns_answer_301_to_the_same_step_of_the_form_that_replaces_it(merged,
                                                                                                          fellside):
    """A form's sub-addresses (steps, check, payment return) have no redirect of their own: a resident halfway
    through an old form, or a payment provider sending someone back, lands on the same step of the form now
    answering, on Westmere's host; a sub-address the new page has not, on the page."""
    merged()
    for old, new in [
        (f"{VISIT}start/step/2/", f"{VISIT}start/step/2/"),  # moved with its page
        (f"{BULKY}start/check/", f"{BULKY}start/check/"),  # retired: Westmere's form answers
        (f"{BULKY}start/payment/return/abc/?status=ok", f"{BULKY}start/payment/return/abc/?status=ok"),
        ("/privacy/no-such-part/", "/privacy/"),
    ]:
        response = fellside.get(old)
        assert response.status_code == 301, old
        location = urlsplit(response["Location"])
        assert location.hostname == "localhost", old
        assert location.path + (f"?{location.query}" if location.query else "") == new
    assert fellside.get("/no-such-page/at-all/").status_code == 404


def test_after_the_merger_the_old_host_s_assistant_api_and_search_answer_as_the_new_council(merged, settings, client):
    """A chat open on Fellside's site keeps getting answers (its messages name fellside.localhost), and its search
    goes to Westmere's, which finds Fellside's pages now."""
    settings.BOT_API_TOKEN = "t"
    merged()
    answer = client.get("/api/bot/answer/", {"key": "bulky_waste"}, HTTP_HOST=FELLSIDE_HOST,
                        HTTP_AUTHORIZATION="Bearer t")
    assert answer.status_code == 200 and "£30" in answer.json()["answer"]  # Westmere's page, which stayed
    search = client.get("/search/", {"q": "Tarn Road"}, HTTP_HOST=FELLSIDE_HOST)
    assert search.status_code == 301 and search["Location"].startswith("http://localhost")
    assert search["Location"].endswith("/search/?q=Tarn+Road")
    assert client.get("/search/", {"q": "Tarn Road"}, HTTP_HOST="localhost").status_code == 200
