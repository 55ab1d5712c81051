"""Editors teach the assistant: the Chat panel, stable chat keys, the bot's API by key and the training export.
Teaching it from the feedback dashboard is tested in tests/feedback/test_teach.py."""

import json

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from assistant.chat_pages import MIN_QUESTIONS
from assistant_updates.training_data import ExportError, export
from cms_pages.models import ServiceAreaPage, SignpostPage, TaskPage
from sitewide.models import CouncilSettings
from tests.conftest import westmere

pytestmark = pytest.mark.django_db

LICENCE_QUESTIONS = [
    "do i need a pavement licence",
    "tables and chairs outside my cafe",
    "pavement licence for my pub",
    "can i put chairs on the pavement",
    "outdoor seating permission",
    "licence for tables outside",
    "how much is a pavement licence",
    "apply for pavement licence",
    "street cafe licence",
    "put benches outside my restaurant",
]


def area(path="/business/"):
    return ServiceAreaPage.objects.get(**westmere(path))


def page_at(path):
    return TaskPage.objects.get(**westmere(path))


def new_task(parent=None, slug="pavement-licence", questions=LICENCE_QUESTIONS, enabled=True, publish=True):
    page = TaskPage(
        title="Apply for a pavement licence",
        slug=slug,
        kind="apply",
        summary="Put tables and chairs outside.",
        answer="Apply online at least 14 days before you want to put tables out.",
        chat_questions="\n".join(questions),
        chat_enabled=enabled,
        live=publish,
    )
    (parent or area()).add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def test_a_page_can_be_switched_on_for_chat_only_with_10_questions():
    page = TaskPage(
        title="Pavement licence",
        slug="p",
        summary="s",
        chat_enabled=True,
        chat_questions="\n".join(LICENCE_QUESTIONS[: MIN_QUESTIONS - 1]),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "at least 10 questions" in error.value.message_dict["chat_enabled"][0]
    assert "(there are 9)" in error.value.message_dict["chat_enabled"][0]


def test_a_question_of_another_page_is_refused_naming_that_page():
    taken = page_at("/bins-and-recycling/report-a-missed-bin/").get_chat_questions()[0]
    page = TaskPage(
        title="Pavement licence",
        slug="p",
        summary="s",
        chat_enabled=True,
        chat_questions="\n".join(LICENCE_QUESTIONS + ["  " + taken.upper() + "?"]),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    message = error.value.message_dict["chat_questions"][0]
    assert f"“{taken.upper()}?” already belongs to the page “Report a missed bin collection”" in message
    assert "(/bins-and-recycling/report-a-missed-bin/)" in message


def test_a_question_twice_on_the_same_page_is_refused():
    questions = LICENCE_QUESTIONS + ["Street cafe licence!"]
    page = TaskPage(title="P", slug="p", summary="s", chat_questions="\n".join(questions))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "“Street cafe licence!” is in the list twice." in error.value.message_dict["chat_questions"]


def test_questions_are_one_a_line_without_list_markers_or_blank_lines():
    page = TaskPage(chat_questions="- bin day\n\n* my bin\n  when is it  \n")
    assert page.get_chat_questions() == ["bin day", "my bin", "when is it"]


def test_the_chat_key_is_made_once_and_kept_when_the_page_is_renamed_and_moved(site_client):
    page = new_task()
    assert page.chat_key == "pavement_licence"

    page.title, page.slug = "Pavement and street cafe licences", "street-cafe-licence"
    page.save_revision().publish()
    page.move(area("/parking-and-roads/"), pos="last-child")
    page.refresh_from_db()
    assert page.chat_key == "pavement_licence"

    data = site_client.get("/api/bot/answer/", {"key": "pavement_licence"}).json()
    assert data["url"] == "/parking-and-roads/street-cafe-licence/"
    assert data["title"] == "Pavement and street cafe licences"
    assert data["answer"].startswith("Apply online")


def test_a_new_key_never_repeats_one_in_use():
    new_task(parent=area("/parking-and-roads/"), slug="licences")
    assert TaskPage.objects.get(**westmere("/parking-and-roads/licences/")).chat_key == "licences_2"


def test_a_copy_is_not_switched_on_and_gets_a_key_of_its_own_when_it_is():
    original = new_task()
    copy = original.copy(update_attrs={"slug": "pavement-licence-copy", "title": "Copy"})
    assert (copy.chat_enabled, copy.chat_key, copy.chat_questions) == (False, "", "")


def test_the_answer_api_serves_only_live_public_pages_switched_on_for_chat(site_client):
    new_task(enabled=False)
    assert site_client.get("/api/bot/answer/", {"key": "pavement_licence"}).status_code == 404
    assert site_client.get("/api/bot/answer/", {"key": "report_missed_bin"}).status_code == 200
    page_at("/bins-and-recycling/report-a-missed-bin/").unpublish()
    assert site_client.get("/api/bot/answer/", {"key": "report_missed_bin"}).status_code == 404


def test_the_chat_answer_falls_back_to_the_summary(site_client):
    page = page_at("/council-tax/pay/")
    page.answer = ""
    page.save_revision().publish()
    assert site_client.get("/api/bot/answer/", {"key": "pay_council_tax"}).json()["answer"] == page.summary


def test_the_pages_api_lists_every_page_the_assistant_answers(site_client):
    pages = site_client.get("/api/bot/pages/").json()["pages"]
    assert len(pages) == 41
    assert {
        "key": "report_pothole",
        "title": "Report a pothole or road problem",
        "kind": "signpost",
        "path": "/parking-and-roads/report-a-pothole/",
        "url": "/parking-and-roads/report-a-pothole/",
    } in pages
    assert "bin_collection_day" not in {page["key"] for page in pages}  # the bin day form answers that


def test_the_chat_panel_is_in_the_page_editor(admin_client):
    page = page_at("/bins-and-recycling/report-a-missed-bin/")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for label in ("Chat answer", "Questions residents ask", "The assistant answers this page", "report_missed_bin"):
        assert label in html


def test_the_editor_sees_why_a_page_cannot_be_switched_on(admin_client):
    page = new_task(enabled=False, questions=LICENCE_QUESTIONS[:3])
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"chat_enabled": "on", "chat_questions": "\n".join(LICENCE_QUESTIONS[:3])})
    for name in ("body", "related_pages"):
        data.update({f"{name}-count": "0"})
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "Add at least 10 questions residents ask" in response.content.decode()
    assert not TaskPage.objects.get(pk=page.pk).chat_enabled


# -- export --------------------------------------------------------------------------------------


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def nlu_intents(out):
    return {item["intent"]: item["examples"] for item in read(out / "data" / "nlu" / "pages.yml")["nlu"]}


def test_export_makes_one_intent_per_live_public_chat_page_merged_with_the_core(tmp_path):
    new_task()
    new_task(slug="draft-licence", questions=[q + " draft" for q in LICENCE_QUESTIONS], publish=False)
    new_task(slug="off-licence", questions=[q + " off" for q in LICENCE_QUESTIONS], enabled=False)
    private = new_task(slug="private-licence", questions=[q + " private" for q in LICENCE_QUESTIONS])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    call_command("export_assistant_data", str(tmp_path), stdout=open("/dev/null", "w"))

    intents = nlu_intents(tmp_path)
    assert "pavement_licence" in intents and "- do i need a pavement licence" in intents["pavement_licence"]
    assert not {"draft_licence", "off_licence", "private_licence"} & set(intents), set(intents)
    assert len(intents) == 42
    domain = read(tmp_path / "domain.yml")
    assert {"greet", "risk_of_harm", "pavement_licence", "report_missed_bin"} <= set(domain["intents"])
    assert "homelessness" in domain["slots"]["postcode"]["mappings"][1]["not_intent"]
    rules = read(tmp_path / "data" / "rules" / "pages.yml")["rules"]
    assert {
        "rule": "Answer pavement_licence from the CMS",
        "steps": [{"intent": "pavement_licence"}, {"action": "action_answer_from_cms"}],
    } in rules
    assert any(
        r.get("condition") == [{"active_loop": "bin_day_form"}] and r["steps"][0] == {"intent": "homelessness"}
        for r in rules
    )
    assert (tmp_path / "data" / "nlu" / "chitchat.yml").exists() and (tmp_path / "data" / "stories").exists()


def test_export_refuses_two_pages_with_the_same_question(tmp_path):
    page = new_task()
    TaskPage.objects.filter(pk=page.pk).update(chat_questions=page.chat_questions + "\nmy bin wasn't emptied")
    with pytest.raises(CommandError, match="“my bin wasn't emptied” is a question of"):
        call_command("export_assistant_data", str(tmp_path))


def test_export_refuses_a_key_that_is_one_of_the_bots_own_intents(tmp_path):
    page = new_task()
    TaskPage.objects.filter(pk=page.pk).update(chat_key="greet")
    with pytest.raises(ExportError, match="its chat key 'greet' is one of the bot's own intents"):
        export(tmp_path, _core_dir())


def test_export_escapes_brackets_that_rasa_would_read_as_entities(tmp_path):
    page = new_task()
    TaskPage.objects.filter(pk=page.pk).update(chat_questions=page.chat_questions + "\nlicence [for] a (stall)")
    export(tmp_path, _core_dir())
    assert "- licence (for) a (stall)" in nlu_intents(tmp_path)["pavement_licence"]


def test_export_fills_the_safety_responses_with_the_councils_contact_details(tmp_path):
    council = CouncilSettings.objects.get(site__is_default_site=True)
    council.phone, council.out_of_hours_phone = "01632 960321", "01632 960987"
    council.opening_hours = "Monday to Thursday, 8am to 6pm"
    council.save()
    export(tmp_path, _core_dir())
    responses = read(tmp_path / "domain.yml")["responses"]
    assert responses["utter_handoff_unavailable"][0]["text"] == (
        "Sorry, I can't pass you to a person online just now. Please call us on 01632 960321 (Monday to Thursday, "
        "8am to 6pm). Out of hours emergencies: 01632 960987."
    )
    assert "call 01632 960321" in responses["utter_risk_of_harm"][0]["text"]
    assert "{{" not in (tmp_path / "domain.yml").read_text()
    # The action server's copy for when the web app is down.
    released = json.loads((tmp_path / "council.json").read_text())
    assert (released["phone"], released["contact_url"]) == ("01632 960321", "/contact-us/")


def test_export_gives_the_assistant_the_site_search_s_address_from_the_site(tmp_path):
    export(tmp_path, _core_dir())
    assert read(tmp_path / "domain.yml")["responses"]["utter_out_of_scope"][0]["text"].endswith(
        "Search our website: /search/"
    )
    assert json.loads((tmp_path / "council.json").read_text())["search_url"] == "/search/"


def test_export_links_the_bin_day_page_where_it_is_now(tmp_path):
    bin_day = TaskPage.objects.get(**westmere("/bin-collection-day/"))
    bin_day.slug = "when-are-my-bins-collected"
    bin_day.save_revision().publish()
    export(tmp_path, _core_dir())
    moved = "/bins-and-recycling/when-are-my-bins-collected/"
    assert read(tmp_path / "domain.yml")["responses"]["utter_postcode_help"][0]["text"].endswith(
        f"Or look up your bin day on our website: {moved}"
    )
    assert json.loads((tmp_path / "council.json").read_text())["bin_day_url"] == moved


def test_export_refuses_a_council_without_a_phone_number(tmp_path):
    CouncilSettings.objects.update(phone="")
    with pytest.raises(ExportError, match="no phone number"):
        export(tmp_path, _core_dir())


def test_a_signpost_answer_names_who_does_it(site_client):
    page = SignpostPage.objects.get(**westmere("/report-a-pothole/"))
    data = site_client.get("/api/bot/answer/", {"key": page.chat_key}).json()
    assert data["signpost"] == {"organisation": page.organisation, "url": page.organisation_url}


def _core_dir():
    from django.conf import settings

    return settings.BASE_DIR / "bot"


# -- moving content in ---------------------------------------------------------------------------

PAGES_FILE = """
pages:
  - path: /business/pavement-licence/
    type: task
    kind: apply
    title: "Apply for a pavement licence"
    summary: "Put tables and chairs on the pavement outside your cafe, pub or restaurant."
    answer: "Apply online at least 14 days before you want to put tables out. It costs £100 a year."
    chat:
      enabled: true
      questions:
{questions}
"""


def pages_file(tmp_path, questions=LICENCE_QUESTIONS):
    path = tmp_path / "pages.yaml"
    path.write_text(PAGES_FILE.format(questions="\n".join(f"        - {q}" for q in questions)))
    return str(path)


def test_load_pages_imports_pages_with_their_chat_questions_and_is_idempotent(tmp_path):
    out = tmp_path / "out.txt"
    call_command("load_pages", pages_file(tmp_path), stdout=out.open("w"))
    page = TaskPage.objects.get(**westmere("/business/pavement-licence/"))
    assert page.live and page.chat_enabled and page.chat_key == "pavement_licence"
    assert page.get_chat_questions() == LICENCE_QUESTIONS
    assert "1 pages created" in out.read_text()

    call_command("load_pages", pages_file(tmp_path), stdout=out.open("w"))
    assert "0 pages created, 0 updated, 1 unchanged" in out.read_text()
    assert TaskPage.objects.filter(**westmere("/business/pavement-licence/")).count() == 1


def test_load_pages_refuses_a_question_of_another_page_and_loads_nothing(tmp_path):
    with pytest.raises(CommandError, match="already belongs to the page “Report a missed bin collection”"):
        call_command("load_pages", pages_file(tmp_path, LICENCE_QUESTIONS + ["missed bin collection"]))
    assert not TaskPage.objects.filter(**westmere("/pavement-licence/")).exists()


def test_load_pages_says_what_is_wrong_with_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pages:\n  - path: /nowhere/at-all/\n    type: task\n    title: T\n")
    with pytest.raises(CommandError, match="parent /nowhere is not loaded yet"):
        call_command("load_pages", str(bad))
    bad.write_text("title: no pages here\n")
    with pytest.raises(CommandError, match="has no `pages:` list"):
        call_command("load_pages", str(bad))
