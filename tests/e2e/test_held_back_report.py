"""Issue 21's held-back set (bot/tests/held_back/) through Rasa's REST channel, with the real action server and
the live site: the figures are written to bot/results/held_back_report.txt and shown in pytest's warnings
summary (CI does not run pytest -s). About 220 turns, 0.1-0.5 s each."""
import importlib.util
import sys
import warnings
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_council")]

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"
REPORT = BOT_DIR / "results" / "held_back_report.txt"
# Issue 21's gate: 90% of the conversations and 95% of the first questions. Trainings of one export rank
# intents identically (bench/training_spread.py), so the figures move only with the content and the code.
CONVERSATIONS_GATE = 0.90
FIRST_QUESTIONS_GATE = 0.95


class HeldBackFigures(UserWarning):
    """The held-back figures, for the warnings summary of make test."""


def load_runner():
    name = "held_back_report"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BOT_DIR / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look the module up while it loads
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_the_held_back_figures_are_reported(bot_servers):
    runner = load_runner()
    report = runner.run(bot_servers, runner.load_conversations(), runner.load_first_questions())
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report.text(), encoding="utf-8")
    kinds = ", ".join(f"{kind} {value['passed']}/{value['total']}" for kind, value in report.figures()["kinds"].items())
    warnings.warn(HeldBackFigures(f"{report.summary()}. By kind: {kinds}. Failing turns: {REPORT}"), stacklevel=1)

    assert report.errors == 0, f"Rasa did not answer every turn: see {REPORT}"
    conversations, first = report.rate(report.conversations), report.rate(report.first_questions)
    assert conversations[0] >= CONVERSATIONS_GATE * conversations[1], f"{report.summary()}: see {REPORT}"
    assert first[0] >= FIRST_QUESTIONS_GATE * first[1], f"{report.summary()}: see {REPORT}"
