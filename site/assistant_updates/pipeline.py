"""Update the assistant: export the pages, train a candidate, test it, and only then put it live.

    start_update(user)  -> a queued AssistantUpdate, run in the background (see runner.py)
    run_update(update)  -> export, train, evaluate, activate; every step recorded on the update
    rollback(user)      -> the model that was live before the current one, live again
    waiting_changes()   -> the live pages the live assistant has not learned yet (new, changed or gone)

A candidate that fails a test is never loaded; the update's reasons say which pages confuse which.
Only one update runs at a time.
"""

import hashlib
import json
import logging
import shutil
from datetime import timedelta
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assistant.chat_pages import chat_pages, normalise

from . import activation, evaluation, rasa_cli
from .models import AssistantUpdate
from .training_data import ExportError, export, intents_from_pages

logger = logging.getLogger(__name__)
Outcome = AssistantUpdate.Outcome
STALE_AFTER = timedelta(hours=6)  # a run not finished by then died with its process


class UpdateRefused(Exception):
    """Cannot start or roll back now; the message says why."""


def updates_dir():
    return Path(settings.ASSISTANT_UPDATES_DIR)


def work_dir(update):
    return updates_dir() / f"update-{update.pk}"


def current_live():
    return AssistantUpdate.objects.filter(outcome=Outcome.LIVE).order_by("-finished_at").first()


def start_update(user=None):
    with transaction.atomic():
        running = AssistantUpdate.objects.select_for_update().filter(
            outcome__in=[Outcome.QUEUED, Outcome.RUNNING], created_at__gte=timezone.now() - STALE_AFTER
        )
        if running.exists():
            raise UpdateRefused("An update is already running. Wait for it to finish.")
        return AssistantUpdate.objects.create(
            started_by=user if user and user.is_authenticated else None,
            started_by_name=user.get_username() if user and user.is_authenticated else "manage.py",
        )


def canonical(path):
    """A training file's content in a fixed order: the order of its pages, rules and stories (the page tree's
    order) and comments (a page's title and address) do not count, so moving or renaming a page needs no
    new model. The order of steps inside a story or rule does."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if isinstance(data, dict):
        data = {
            key: sorted(value, key=lambda item: json.dumps(item, sort_keys=True)) if isinstance(value, list) else value
            for key, value in data.items()
        }
    return json.dumps(data, sort_keys=True)


def fingerprint(export_dir):
    """What the candidate is trained on: the exported files and the bot's pipeline configuration."""
    export_dir = Path(export_dir)
    files = [(str(path.relative_to(export_dir)), path) for path in sorted(export_dir.rglob("*.yml"))]
    files.append(("config.yml", rasa_cli.bot_dir() / "config.yml"))
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.encode() + b"\0" + canonical(path).encode() + b"\0")
    return digest.hexdigest()


def page_digest(intent):
    """What the assistant learns from a page: its kind and its questions (not its title or address)."""
    learned = {"kind": intent.kind, "questions": sorted({normalise(question) for question in intent.questions})}
    return hashlib.sha256(json.dumps(learned, sort_keys=True).encode()).hexdigest()


def snapshot(intents):
    """{chat key: {title, path, digest}}: what an update learns from each page."""
    return {
        intent.key: {"title": intent.title, "path": intent.path, "digest": page_digest(intent)} for intent in intents
    }


CHANGE_WORDS = {"new": "new to the assistant", "changed": "its questions changed", "removed": "no longer answered"}


def changes_between(before, after):
    """The pages learned anew, learned again or dropped from `before` to `after` (two snapshots), by title:
    [{"title", "path", "change"}], change one of CHANGE_WORDS."""
    changes = []
    for key, page in after.items():
        if key not in before:
            changes.append({"title": page["title"], "path": page["path"], "change": "new"})
        elif before[key]["digest"] != page["digest"]:
            changes.append({"title": page["title"], "path": page["path"], "change": "changed"})
    for key, page in before.items():
        if key not in after:
            changes.append({"title": page["title"], "path": page["path"], "change": "removed"})
    return sorted(changes, key=lambda change: (change["title"].lower(), change["path"]))


def waiting_changes():
    """(changes, pages): what is live on the site now that the live assistant has not learned, and how many
    pages the assistant would learn. changes is None when it cannot be known (no update has gone live here)."""
    now = snapshot(intents_from_pages(chat_pages()))
    live = current_live()
    if live is None or not live.trained_on:
        return None, now
    return changes_between(live.trained_on, now), now


def record(update, **fields):
    for name, value in fields.items():
        setattr(update, name, value)
    update.save(update_fields=list(fields))


def finish(update, outcome, reasons=()):
    record(
        update,
        outcome=outcome,
        reasons=list(update.reasons) + list(reasons),
        finished_at=timezone.now(),
        step="Finished",
    )


def run_update(update):
    """Runs one queued update to its end; never raises (the outcome says what happened)."""
    record(update, outcome=Outcome.RUNNING, started_at=timezone.now(), step="Exporting the pages")
    folder = work_dir(update)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    log = folder / "update.log"
    try:
        _run(update, folder, log)
    except (ExportError, rasa_cli.BotCommandFailed, activation.ActivationFailed, OSError) as error:
        logger.warning("Assistant update %s failed: %s", update.pk, error)
        finish(update, Outcome.FAILED, [str(error)])
    except Exception as error:  # noqa: BLE001 (recorded, so the run never stays "running")
        logger.exception("Assistant update %s failed", update.pk)
        finish(update, Outcome.FAILED, [f"Unexpected error: {type(error).__name__}: {error}"])
    if update.outcome != Outcome.LIVE and update.model_file:
        Path(update.model_file).unlink(missing_ok=True)  # a refused candidate is never needed again
    for bulky in ("export", "nlu_split/models"):  # keep the log and the test reports, not the data and models
        shutil.rmtree(folder / bulky, ignore_errors=True)
    return update


def _run(update, folder, log):
    intents = export(folder / "export", rasa_cli.bot_dir())
    titles = {intent.key: intent.title for intent in intents}
    live = current_live()
    trained_on = snapshot(intents)
    record(
        update,
        fingerprint=fingerprint(folder / "export"),
        pages=len(intents),
        questions=sum(len(intent.questions) for intent in intents),
        trained_on=trained_on,
        changes=changes_between(live.trained_on, trained_on) if live and live.trained_on else None,
    )
    if live and live.fingerprint == update.fingerprint and activation.live_model_file().exists():
        finish(update, Outcome.UNCHANGED)
        return

    activation.check_servers()
    record(update, step="Learning the pages (several minutes)")
    models = updates_dir() / "models"
    candidate = rasa_cli.train(folder / "export", models, f"update-{update.pk}", log)
    record(update, model_file=str(candidate), step="Checking that each page's own questions reach it")

    verdict = evaluation.Verdict()
    own = rasa_cli.test_own_examples(candidate, folder / "export/data/nlu", folder / "own", log)
    rows = evaluation.predictions(own)
    recalls = evaluation.page_recalls(rows, titles)
    evaluation.check_pages(recalls, titles, verdict)
    record(update, step="Checking the practice conversations")
    stories = {
        name: rasa_cli.stories_pass(candidate, name, folder / f"stories-{n}", log)
        for n, name in enumerate(settings.ASSISTANT_TEST_STORIES)
    }
    evaluation.check_stories(stories, verdict)
    scores = {
        "pages_below_minimum": sum(page.recall < settings.ASSISTANT_MIN_PAGE_RECALL for page in recalls),
        "lowest_page_recall": round(recalls[0].recall, 3) if recalls else None,
        "stories": stories,
    }
    if verdict.passed:  # the held-out score needs a second training: only for a candidate that could pass
        record(update, scores=scores, step="Checking it on questions it has not seen (a few minutes)")
        f1 = rasa_cli.held_out_f1(folder / "export/data/nlu", folder / "nlu_split", log)
        live_f1 = (live.scores or {}).get("f1") if live else None
        scores.update(f1=round(f1, 4), live_f1=live_f1)
        evaluation.check_f1(f1, live_f1, verdict)
    record(update, scores=scores)
    if not verdict.passed:
        finish(update, Outcome.REFUSED, verdict.reasons)
        return

    record(update, step="Putting it live for residents")
    previous = activation.keep_copy_of_live(models / f"before-update-{update.pk}.tar.gz")
    activation.activate(candidate, previous)
    if live:
        record(live, outcome=Outcome.REPLACED)
    record(update, previous_model_file=previous)
    finish(update, Outcome.LIVE)


def rollback(user=None):
    """The model that was live before the current update goes live again on every server."""
    live = current_live()
    if live is None or not live.previous_model_file or not Path(live.previous_model_file).exists():
        raise UpdateRefused("There is no earlier assistant to go back to.")
    activation.activate(live.previous_model_file, live.model_file)
    name = user.get_username() if user and user.is_authenticated else "manage.py"
    record(
        live,
        outcome=Outcome.ROLLED_BACK,
        reasons=list(live.reasons) + [f"Rolled back by {name} on {timezone.localtime():%d %B %Y at %H:%M}."],
    )
    earlier = AssistantUpdate.objects.filter(outcome=Outcome.REPLACED, model_file=live.previous_model_file).first()
    earlier = (
        earlier
        or AssistantUpdate.objects.filter(outcome=Outcome.REPLACED, finished_at__lt=live.finished_at)
        .order_by("-finished_at")
        .first()
    )
    if earlier:
        record(earlier, outcome=Outcome.LIVE)
    return live
