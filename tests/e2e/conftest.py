"""End-to-end: the real Rasa server and action server, trained from bot/, talking to the live site."""
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import reload_demo_council

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"
RASA = BOT_DIR / ".venv" / "bin" / "rasa"
MODEL = BOT_DIR / "models" / "westmere.tar.gz"
BOT_ENV = {
    "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONWARNINGS": "ignore",
    # A page loaded by a test is in the pages' words at the next message (the site's default is 10 s).
    "KNOWLEDGE_CHECK_SECONDS": "0",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process stopped with code {process.returncode}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def bot_servers(live_server, tmp_path_factory):
    """Starts the action server (pointed at the live site) and Rasa; yields Rasa's base URL."""
    assert RASA.exists(), "The bot's environment is missing: run `make bot-venv`"
    assert MODEL.exists(), "The bot model is missing: run `make bot-train`"
    workdir = tmp_path_factory.mktemp("bot")
    actions_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    env = {**os.environ, **BOT_ENV, "WEB_API_URL": live_server.url}
    logs = [open(workdir / "actions.log", "w"), open(workdir / "rasa.log", "w")]
    actions = subprocess.Popen(
        [str(RASA.parent / "python"), "action_server.py", "--port", str(actions_port)],  # as make run starts it
        cwd=BOT_DIR, env=env, stdout=logs[0], stderr=subprocess.STDOUT,
    )
    rasa = subprocess.Popen(
        [str(RASA.parent / "python"), "rasa_server.py", "run", "--enable-api", "-p", str(rasa_port),
         "-i", "127.0.0.1", "--model", str(MODEL),
         "--endpoints", str(endpoints), "--credentials", "credentials.yml"],
        cwd=BOT_DIR, env=env, stdout=logs[1], stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{actions_port}/health", actions)
        wait_for(f"http://127.0.0.1:{rasa_port}/status", rasa)
        yield f"http://127.0.0.1:{rasa_port}"
    except RuntimeError:
        for log in logs:
            log.flush()
        print((workdir / "actions.log").read_text()[-3000:], (workdir / "rasa.log").read_text()[-3000:])
        raise
    finally:
        for process in (rasa, actions):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()


@pytest.fixture
def demo_council(transactional_db):
    """The live server's tests are transactional: the database is emptied after each, so load it again."""
    reload_demo_council()
