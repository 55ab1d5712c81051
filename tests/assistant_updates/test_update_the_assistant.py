"""Update the assistant: the gate's verdicts, one run at a time, who may run it, and how runs fail safely.

Training a real candidate takes minutes: that is in tests/e2e/test_assistant_updates.py, with real Rasa.
"""

import re

import pytest
from django.contrib.auth.models import Group

from assistant_updates import activation, evaluation, pipeline
from assistant_updates.models import AssistantUpdate
from assistant_updates.training_data import export
from tests.conftest import westmere
from tests.security.fake_rasa import FakeRasa

pytestmark = pytest.mark.django_db
Outcome = AssistantUpdate.Outcome
TITLES = {"report_pothole": "Report a pothole", "pavement_licence": "Apply for a pavement licence"}


@pytest.fixture
def user(django_user_model):
    def make(name, *groups):
        person = django_user_model.objects.create_user(name, password="pw")
        for group in groups:
            person.groups.add(Group.objects.get(name=group))
        return person

    return make


@pytest.fixture
def isolated(settings, tmp_path):
    """Runs keep their files, and the live model, in a temporary folder."""
    settings.ASSISTANT_UPDATES_DIR = str(tmp_path / "updates")
    settings.ASSISTANT_MODEL_FILE = str(tmp_path / "models" / "live.tar.gz")
    return tmp_path


def test_a_page_whose_questions_go_elsewhere_is_named_with_the_page_they_go_to():
    rows = [("pavement_licence", "report_pothole")] * 6 + [("pavement_licence", "pavement_licence")] * 4
    rows += [("report_pothole", "report_pothole")] * 10
    recalls = evaluation.page_recalls(rows, TITLES)
    assert [(page.key, page.recall, page.confused_with) for page in recalls] == [
        ("pavement_licence", 0.4, "report_pothole"),
        ("report_pothole", 1.0, ""),
    ]
    verdict = evaluation.Verdict()
    evaluation.check_pages(recalls, TITLES, verdict)
    assert not verdict.passed
    (reason,) = verdict.reasons
    assert reason.startswith("“Apply for a pavement licence”: only 40% of its own questions reach it")
    assert "6 of 10 went to “Report a pothole”" in reason


@pytest.mark.parametrize(
    "f1, live_f1, passed",
    [
        (0.95, None, True),
        (0.92, None, False),
        (0.965, 0.97, True),
        (0.945, 0.97, False),
        # Two trainings of the demo council with different seeds: 0.939 and 0.955 (bot/README.md, Reproducible
        # training). New content re-rolls the training like a new seed, so that much is noise, not a step down.
        (0.939, 0.955, True),
    ],
)
def test_held_out_f1_must_reach_the_minimum_and_stay_close_to_the_live_model(f1, live_f1, passed):
    verdict = evaluation.Verdict()
    evaluation.check_f1(f1, live_f1, verdict)
    assert verdict.passed is passed


def test_failed_test_conversations_are_a_reason():
    verdict = evaluation.Verdict()
    evaluation.check_stories({"tests/test_stories.yml": True, "tests/conversation_stories.yml": False}, verdict)
    assert verdict.reasons == ["The test conversations in tests/conversation_stories.yml no longer go as written."]


def test_only_one_update_runs_at_a_time():
    first = pipeline.start_update()
    with pytest.raises(pipeline.UpdateRefused, match="already running"):
        pipeline.start_update()
    first.outcome = Outcome.REFUSED
    first.save()
    assert pipeline.start_update().outcome == Outcome.QUEUED


def test_a_run_that_cannot_train_is_recorded_as_failed_and_never_stays_running(settings, isolated):
    rasa = FakeRasa()
    settings.RASA_URLS = [rasa.url]
    settings.ASSISTANT_BOT_PYTHON = str(isolated / "no-such-python" / "python")
    try:
        update = pipeline.run_update(pipeline.start_update())
    finally:
        rasa.close()
    assert update.outcome == Outcome.FAILED and update.finished_at and update.step == "Finished"
    assert update.pages > 30 and update.questions > 500 and len(update.fingerprint) == 64
    assert "No such file" in update.reasons[0]


def test_with_a_rasa_server_down_the_run_fails_before_training(settings, isolated):
    settings.RASA_URLS = ["http://127.0.0.1:9"]  # nothing listens on the discard port
    update = pipeline.run_update(pipeline.start_update())
    assert update.outcome == Outcome.FAILED and not update.model_file
    assert update.reasons[0].startswith("The Rasa server http://127.0.0.1:9 is not answering")


def test_content_the_live_assistant_already_has_is_not_trained_again(isolated):
    live_file = isolated / "models" / "live.tar.gz"
    live_file.parent.mkdir(parents=True)
    live_file.write_bytes(b"the live model")
    export(isolated / "export", pipeline.rasa_cli.bot_dir())
    AssistantUpdate.objects.create(outcome=Outcome.LIVE, fingerprint=pipeline.fingerprint(isolated / "export"))
    update = pipeline.run_update(pipeline.start_update())
    assert update.outcome == Outcome.UNCHANGED and not update.model_file


def broken_rasa():
    rasa = FakeRasa()
    rasa.model_status = 500
    return rasa


def test_a_model_goes_live_on_every_server_or_on_none(settings, isolated):
    good, broken = FakeRasa(), broken_rasa()
    candidate, previous = isolated / "candidate.tar.gz", isolated / "previous.tar.gz"
    candidate.write_bytes(b"new model")
    previous.write_bytes(b"old model")
    try:
        settings.RASA_URLS = [good.url, broken.url]
        with pytest.raises(activation.ActivationFailed, match="HTTP 500"):
            activation.activate(candidate, previous)
        assert good.loaded == [str(candidate), str(previous)]  # switched, then back
        assert not activation.live_model_file().exists()

        settings.RASA_URLS = [good.url]
        assert activation.activate(candidate, previous) == [good.url]
        assert activation.live_model_file().read_bytes() == b"new model"  # a restarted server keeps it
    finally:
        good.close()
        broken.close()


def test_rollback_puts_the_earlier_model_back_and_says_who_did_it(settings, isolated, user):
    rasa = FakeRasa()
    earlier_file, later_file = isolated / "before.tar.gz", isolated / "update.tar.gz"
    earlier_file.write_bytes(b"earlier")
    later_file.write_bytes(b"later")
    settings.RASA_URLS = [rasa.url]
    earlier = AssistantUpdate.objects.create(outcome=Outcome.REPLACED, finished_at="2026-11-01T10:00Z")
    later = AssistantUpdate.objects.create(
        outcome=Outcome.LIVE,
        finished_at="2026-11-02T10:00Z",
        model_file=str(later_file),
        previous_model_file=str(earlier_file),
    )
    try:
        owner = user("owner", "Service owners")
        pipeline.rollback(owner)
    finally:
        rasa.close()
    later.refresh_from_db()
    earlier.refresh_from_db()
    assert rasa.loaded == [str(earlier_file)]
    assert later.outcome == Outcome.ROLLED_BACK and "Rolled back by owner" in later.reasons[-1]
    assert earlier.outcome == Outcome.LIVE
    assert activation.live_model_file().read_bytes() == b"earlier"
    with pytest.raises(pipeline.UpdateRefused, match="no earlier assistant"):
        pipeline.rollback(owner)


def test_service_owners_update_the_assistant_and_editors_cannot(client, user, isolated, monkeypatch):
    started = []
    monkeypatch.setattr("assistant_updates.views.run_in_background", started.append)  # no real training here
    client.force_login(user("editor", "Editors"))
    assert client.get("/admin/assistant-updates/").status_code in (302, 403)
    assert client.post("/admin/assistant-updates/start/").status_code in (302, 403)
    assert not AssistantUpdate.objects.exists()

    client.force_login(user("owner", "Service owners"))
    assert "Assistant updates" in client.get("/admin/").content.decode()  # the menu item
    response = client.post("/admin/assistant-updates/start/", follow=True)
    (update,) = AssistantUpdate.objects.all()
    assert started == [update] and update.started_by_name == "owner"
    html = response.content.decode()
    assert "The update has started" in html and "Waiting to start" in html
    assert 'http-equiv="refresh"' in html  # the page follows the run
    again = client.post("/admin/assistant-updates/start/", follow=True).content.decode()
    assert "An update is already running" in again and AssistantUpdate.objects.count() == 1
    update.outcome, update.reasons = Outcome.REFUSED, ["“Apply for a pavement licence”: only 40% of its own…"]
    update.save()
    html = client.get("/admin/assistant-updates/").content.decode()
    assert "Refused: failed its tests, never went live" in html and "pavement licence" in html
    refused = client.post("/admin/assistant-updates/roll-back/", follow=True).content.decode()
    assert "There is no earlier assistant" in refused


def test_moving_or_renaming_a_page_does_not_change_what_the_assistant_is_trained_on(isolated):
    from cms_pages.models import ServiceAreaPage, TaskPage

    export(isolated / "before", pipeline.rasa_cli.bot_dir())
    page = TaskPage.objects.get(**westmere("/environment/report-dog-fouling/"))
    page.title = "Report dog mess"
    page.save_revision().publish()
    page.move(ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")), pos="last-child")
    export(isolated / "moved", pipeline.rasa_cli.bot_dir())
    assert pipeline.fingerprint(isolated / "before") == pipeline.fingerprint(isolated / "moved")
    page.chat_questions += "\ndog dirt by the swings"
    page.save_revision().publish()
    export(isolated / "taught", pipeline.rasa_cli.bot_dir())
    assert pipeline.fingerprint(isolated / "taught") != pipeline.fingerprint(isolated / "before")


def test_changes_between_two_updates_are_pages_by_title():
    before = {
        "garden_waste": {"title": "Garden waste", "path": "/g/", "digest": "a"},
        "old_page": {"title": "Old page", "path": "/o/", "digest": "b"},
    }
    after = {
        "garden_waste": {"title": "Garden waste", "path": "/g/", "digest": "c"},
        "parking": {"title": "Apply for a parking permit", "path": "/p/", "digest": "d"},
    }
    assert pipeline.changes_between(before, after) == [
        {"title": "Apply for a parking permit", "path": "/p/", "change": "new"},
        {"title": "Garden waste", "path": "/g/", "change": "changed"},
        {"title": "Old page", "path": "/o/", "change": "removed"},
    ]
    assert pipeline.changes_between(after, after) == []


def test_the_page_says_in_plain_words_what_is_waiting_to_go_live(client, user, isolated):
    # Issue 20: it spoke of models, F1 and Rasa servers, and did not say whether anything was waiting.
    from cms_pages.models import TaskPage

    client.force_login(user("owner", "Service owners"))
    html = client.get("/admin/assistant-updates/").content.decode()
    assert "cannot tell yet what the assistant has learned" in html  # nothing has gone live from this page

    _, now = pipeline.waiting_changes()
    live = AssistantUpdate.objects.create(
        outcome=Outcome.LIVE,
        trained_on=now,
        changes=[],
        pages=len(now),
        questions=300,
        scores={"f1": 0.9561, "live_f1": 0.951},
    )
    html = client.get("/admin/assistant-updates/").content.decode()
    assert "Nothing is waiting." in html
    assert "About 95 in 100 (the assistant before: 95); needs 93" in html

    garden = TaskPage.objects.get(**westmere("/garden-waste/"))
    garden.chat_questions += "\ncan i share a brown bin with my neighbour"
    garden.save_revision().publish()
    garden.title = "Garden waste bins"  # a new title alone is nothing to learn
    garden.save_revision().publish()
    html = client.get("/admin/assistant-updates/").content.decode()
    assert "1 page changed since the last update" in html
    assert "<li>Garden waste bins (its questions changed)</li>" in html
    # The words on the page, not its markup: a form's CSRF token once held "F1" by chance.
    words = re.sub(r"<[^>]*>", " ", html.split('id="main"', 1)[-1])
    for jargon in ("Rasa", "model", "F1", "fingerprint", "candidate"):
        assert jargon not in words, jargon

    live.changes = [{"title": "Parking permits", "path": "/parking/permits/", "change": "new"}]
    live.save()
    row = client.get("/admin/assistant-updates/").content.decode().split("<h2>Updates</h2>")[1]
    assert "Changed since the update before:" in row and "<li>Parking permits (new to the assistant)</li>" in row
