"""Update the assistant with real Rasa: a new page is learned and answered; a confusing candidate is refused.

Each update trains a real candidate from the export of the test database (several minutes on 2 cores),
tests it, and loads it on the running Rasa server through its HTTP API.
"""
import uuid

import pytest
import requests
from django.core.management import call_command

from assistant_updates import pipeline
from assistant_updates.models import AssistantUpdate
from tests.conftest import westmere

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_council")]
Outcome = AssistantUpdate.Outcome

PAVEMENT_LICENCE = """
pages:
  - path: /parking-and-roads/apply-for-a-pavement-licence/
    type: task
    kind: apply
    title: "Apply for a pavement licence"
    summary: "Apply to put tables and chairs on the pavement outside your cafe, pub or restaurant."
    answer: >-
      You need a pavement licence to put tables and chairs on the pavement outside your business.
      Apply online at least 14 days before you want to start. It costs £100 for a year.
    chat:
      enabled: true
      questions:
        - pavement licence
        - apply for a pavement licence
        - tables and chairs on the pavement
        - can I put tables outside my cafe
        - outdoor seating outside my restaurant
        - licence for chairs outside the pub
        - put chairs on the pavement outside my shop
        - do I need permission for tables outside my cafe
        - street cafe licence
        - outside seating licence for my bar
        - tables on the footpath outside the business
        - apply for permission for outdoor tables
        - how do I get a licence for pavement seating
        - my coffee shop wants seating outside
        - licence for tables and chairs outside
        - can my cafe have seats outside
        - permit for outdoor tables on the street
    form:
      intro: "Tell us about your business and where the tables and chairs would go."
      fields:
        - {label: "Name of your business", type: singleline, required: true}
        - {label: "Address of your business", type: multiline, required: true}
        - {label: "How many tables and chairs?", type: singleline, required: true}
        - {label: "Email address", type: email, required: true}
      thank_you: "Thank you. We will decide within 14 days."
"""

HALL_QUESTIONS = [
    "hire the community hall", "book the village hall for a party", "community centre room hire",
    "can I rent a hall for a birthday", "how much is it to hire a hall", "hall hire prices",
    "book a room at the community centre", "rent the church hall", "venue hire for a meeting",
    "hire a hall for a wedding reception", "is the hall free on saturday",
]


def confusing_pages():
    """Two pages the assistant cannot tell apart: the same questions, the second page's with a comma after
    the first word. The CMS takes them as different questions; the bot's tokenizer drops the comma."""
    entries = []
    for slug, title, questions in [
        ("hire-a-community-hall", "Hire a community hall", HALL_QUESTIONS),
        ("book-a-community-room", "Book a community room", [q.replace(" ", ", ", 1) for q in HALL_QUESTIONS]),
    ]:
        lines = "\n".join(f"        - {question}" for question in questions)
        entries.append(f"""
  - path: /council-and-democracy/{slug}/
    type: task
    kind: info
    title: "{title}"
    summary: "{title} in Westmere."
    chat:
      enabled: true
      questions:
{lines}""")
    return "pages:" + "".join(entries) + "\n"


@pytest.fixture
def assistant_settings(settings, bot_servers, tmp_path):
    """Updates load models on the test's Rasa server; the live file and the runs' files are the test's own.
    The gate is the production one (ASSISTANT_MIN_F1 0.93; the demo council measures 0.95 to 0.96)."""
    settings.RASA_URL, settings.RASA_URLS = bot_servers, []
    settings.ASSISTANT_UPDATES_DIR = str(tmp_path / "updates")
    settings.ASSISTANT_MODEL_FILE = str(tmp_path / "live" / "westmere.tar.gz")
    live = tmp_path / "live" / "westmere.tar.gz"
    live.parent.mkdir()
    live.write_bytes((pipeline.rasa_cli.bot_dir() / "models" / "westmere.tar.gz").read_bytes())
    return bot_servers


def load_pages(tmp_path, text):
    path = tmp_path / "pages.yaml"
    path.write_text(text, encoding="utf-8")
    call_command("load_pages", str(path), stdout=open(path.with_suffix(".log"), "w"))


def replies(rasa_url, text):
    response = requests.post(f"{rasa_url}/webhooks/rest/webhook", timeout=60,
                             json={"sender": f"update-{uuid.uuid4().hex[:10]}", "message": text})
    response.raise_for_status()
    return [reply.get("custom") or {} for reply in response.json()]


def ask(rasa_url, text):
    """Every link in the assistant's reply, its search fallback's included, without its query (a Start now link
    carries the resident's words for the form)."""
    return [link["url"].split("?")[0] for custom in replies(rasa_url, text) for link in custom.get("links", [])]


def learned(rasa_url, text):
    """The intents the live model ranks for the text: what it was trained on. (The assistant may still answer
    a live page it was not trained on from the page's own words: issue 21.)"""
    response = requests.post(f"{rasa_url}/model/parse", timeout=60, json={"text": text})
    response.raise_for_status()
    return [item["name"] for item in response.json()["intent_ranking"]]


def test_a_confusing_candidate_is_refused_and_the_live_assistant_keeps_answering(assistant_settings, tmp_path):
    load_pages(tmp_path, confusing_pages())
    update = pipeline.run_update(pipeline.start_update())
    print(f"\nRefused update: {update.duration_seconds} s, scores {update.scores}, reasons {update.reasons}")
    assert update.outcome == Outcome.REFUSED, update.reasons
    assert any("Hire a community hall" in reason and "Book a community room" in reason for reason in update.reasons)
    assert "f1" not in update.scores  # refused before the second training
    assert not (tmp_path / "updates" / "models" / f"update-{update.pk}.tar.gz").exists()
    assert "/council-tax/pay/" in ask(assistant_settings, "how do I pay my council tax")
    # The live model did not learn the refused pages (the pages' words may still find them: they are live).
    assert not any("community" in key for key in learned(assistant_settings, "hire the community hall"))


def test_a_new_page_is_answered_after_an_update_and_a_rollback_takes_it_away(assistant_settings, tmp_path):
    new_page = "/parking-and-roads/apply-for-a-pavement-licence/"
    question = "do I need a licence to put tables outside my coffee shop"  # not one of its questions
    assert new_page not in ask(assistant_settings, question)
    load_pages(tmp_path, PAVEMENT_LICENCE)

    update = pipeline.run_update(pipeline.start_update())
    print(f"\nLive update: {update.duration_seconds} s, scores {update.scores}")
    assert update.outcome == Outcome.LIVE, update.reasons
    assert update.scores["f1"] >= 0.93 and update.scores["pages_below_minimum"] == 0
    links = ask(assistant_settings, question)
    assert new_page in links and new_page + "start/" in links

    from cms_pages.models import ServiceAreaPage, TaskPage

    page = TaskPage.objects.get(**westmere(new_page))
    page.move(ServiceAreaPage.objects.get(**westmere("/business/")), pos="last-child")
    assert "/business/apply-for-a-pavement-licence/" in ask(assistant_settings, question)  # no update needed

    again = pipeline.run_update(pipeline.start_update())
    assert again.outcome == Outcome.UNCHANGED  # the same pages and questions: nothing to train

    pipeline.rollback()
    update.refresh_from_db()
    assert update.outcome == Outcome.ROLLED_BACK
    # The model no longer knows the page (the pages' words may still answer it while it is live).
    assert not any("pavement" in key for key in learned(assistant_settings, question))
