"""The bot's own commands (Rasa 3.6 on Python 3.10, in the bot's environment), run from the web app's side.

The site cannot import Rasa (another Python), so training and testing a candidate run as the same
commands `make bot-train` and `make bot-test` use, in ASSISTANT_BOT_DIR, and leave their results as
files for assistant_updates.evaluation to read.
"""
import json
import os
import subprocess
from pathlib import Path

from django.conf import settings

TRAIN_TIMEOUT_SECONDS = 3 * 3600
TEST_TIMEOUT_SECONDS = 3600
# No telemetry or error reports to Rasa's servers, fewer library warnings (as bot/bot.mk), and no oneDNN kernels,
# which TensorFlow picks for the CPU: one machine-dependent choice fewer in a training (bot.mk's BOT_TRAIN_ENV).
BOT_ENV = {"RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
           "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONWARNINGS": "ignore", "TF_ENABLE_ONEDNN_OPTS": "0"}


class BotCommandFailed(Exception):
    """A bot command ended with an error; the message holds the end of its output."""


def bot_dir():
    return Path(settings.ASSISTANT_BOT_DIR)


def bot_python():
    return settings.ASSISTANT_BOT_PYTHON or str(bot_dir() / ".venv" / "bin" / "python")


def rasa():
    return str(Path(bot_python()).with_name("rasa"))


def run(args, log_path, timeout, check=True):
    """Runs a command in the bot's folder, its output appended to log_path; the exit code."""
    with open(log_path, "a", encoding="utf-8") as log:
        log.write("$ " + " ".join(str(arg) for arg in args) + "\n")
        log.flush()
        # The bot's commands get this process's whole environment (PATH, HOME, proxies, the bot's own variables),
        # as `make bot-train` would: passed on to another program, not a setting read here (those are in settings).
        completed = subprocess.run(
            [str(arg) for arg in args], cwd=bot_dir(), env={**os.environ, **BOT_ENV},
            stdout=log, stderr=subprocess.STDOUT, timeout=timeout,
        )
    if check and completed.returncode != 0:
        tail = Path(log_path).read_text(encoding="utf-8", errors="replace")[-1500:]
        raise BotCommandFailed(f"`{Path(str(args[0])).name} {args[1]}` failed (exit {completed.returncode}):\n{tail}")
    return completed.returncode


def train(export_dir, out_dir, name, log_path):
    """A full model (NLU and dialogue) from the export: out_dir/name.tar.gz."""
    run([rasa(), "train", "--config", "config.yml", "--domain", Path(export_dir) / "domain.yml",
         "--data", Path(export_dir) / "data", "--out", out_dir, "--fixed-model-name", name],
        log_path, TRAIN_TIMEOUT_SECONDS)
    return Path(out_dir) / f"{name}.tar.gz"


def test_own_examples(model, nlu_dir, out_dir, log_path):
    """The model's intent for every training example: out_dir/intent_successes.json and intent_errors.json."""
    run([rasa(), "test", "nlu", "--model", model, "--nlu", nlu_dir, "--out", out_dir, "--successes", "--no-plot"],
        log_path, TEST_TIMEOUT_SECONDS)
    return Path(out_dir)


def stories_pass(model, stories, out_dir, log_path):
    """Whether the model takes every step of the test stories (a file relative to the bot's folder)."""
    code = run([rasa(), "test", "core", "--stories", stories, "--model", model, "--out", out_dir,
                "--fail-on-prediction-errors", "--no-plot"], log_path, TEST_TIMEOUT_SECONDS, check=False)
    return code == 0


def held_out_f1(nlu_dir, out_dir, log_path):
    """Intent macro F1 on a fixed 80/20 split of the exported questions (bot/scripts/nlu_report.py trains an
    NLU-only model on the 80% and tests it on the 20% it never saw)."""
    run([bot_python(), "scripts/nlu_report.py", "--data", nlu_dir, "--out", out_dir, "--min-f1", "0"],
        log_path, TRAIN_TIMEOUT_SECONDS)
    return json.loads((Path(out_dir) / "summary.json").read_text(encoding="utf-8"))["macro_f1"]
