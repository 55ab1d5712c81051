"""The action server as Rasa reaches it: only with the token, bounded bodies, never echoing a body back.

The server runs for real (bot/action_server.py in a subprocess); only its callers are this test."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import requests

BOT_DIR = Path(__file__).resolve().parent.parent
TOKEN = "test-actions-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "ACTIONS_TOKEN": TOKEN, "ACTIONS_MAX_BODY_BYTES": "65536",
           "WEB_API_URL": "http://127.0.0.1:9", "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen([sys.executable, "action_server.py", "--port", str(port)], cwd=BOT_DIR, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            assert process.poll() is None, process.stdout.read().decode()[-3000:]
            try:
                if requests.get(f"{url}/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the action server did not start"
            time.sleep(0.5)
        yield url
    finally:
        # Also when it did not start in time: no server is left running after the tests.
        process.terminate()
        process.wait(timeout=20)


def call(next_action="action_handoff", sender="resident-0001"):
    return {"next_action": next_action, "sender_id": sender, "version": "3.6.2", "domain": {},
            "tracker": {"sender_id": sender, "slots": {}, "latest_message": {}, "events": [],
                        "active_loop": {}, "latest_action_name": "action_listen"}}


def test_a_call_without_the_token_runs_no_action(server):
    assert requests.post(f"{server}/webhook", json=call(), timeout=10).status_code == 403
    wrong = requests.post(f"{server}/webhook", json=call(), headers={"Authorization": "Bearer guess"}, timeout=10)
    assert wrong.status_code == 403
    assert requests.get(f"{server}/actions", timeout=10).status_code == 403


def test_rasa_with_the_token_is_answered(server):
    answer = requests.get(f"{server}/actions", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert answer.status_code == 200 and {"name": "action_handoff"} in answer.json()


def test_the_health_check_needs_no_token(server):
    assert requests.get(f"{server}/health", timeout=10).json() == {"status": "ok"}


def test_a_huge_body_is_refused_before_it_is_read(server):
    huge = requests.post(f"{server}/webhook", data=b"x" * (1024 * 1024), timeout=30,
                         headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert huge.status_code == 413


def test_a_compressed_body_is_refused(server):
    bomb = zlib.compress(b'{"next_action": "' + b" " * 10_000_000 + b'"}')
    response = requests.post(f"{server}/webhook", data=bomb, timeout=30,
                             headers={"Authorization": f"Bearer {TOKEN}", "Content-Encoding": "deflate"})
    assert response.status_code == 415


def test_a_failing_call_does_not_echo_the_conversation_back(server):
    secret = "my date of birth is 01/01/1970"
    body = call(next_action="action_search_fallback")
    body["tracker"] = {"events": secret}  # not a tracker: the action fails
    response = requests.post(f"{server}/webhook", json=body, headers={"Authorization": f"Bearer {TOKEN}"},
                             timeout=10)
    assert response.status_code >= 400 and secret not in response.text


def test_without_a_token_it_refuses_to_listen_beyond_the_loopback():
    env = {k: v for k, v in os.environ.items() if k != "ACTIONS_TOKEN"}
    result = subprocess.run([sys.executable, "action_server.py", "--host", "0.0.0.0", "--port", str(free_port())],
                            cwd=BOT_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "ACTIONS_TOKEN" in result.stderr


def test_rasa_sends_the_token_from_the_production_endpoints(monkeypatch):
    """Rasa fills in ${VAR} only in plain YAML values: a quoted header would send the text "${ACTIONS_TOKEN}"."""
    from rasa.core.utils import read_endpoints_from_path

    for name in ("ACTION_ENDPOINT_URL", "TRACKER_DB_HOST", "TRACKER_DB_PORT", "TRACKER_DB_NAME", "TRACKER_DB_USER",
                 "TRACKER_DB_PASSWORD", "REDIS_LOCK_HOST", "REDIS_LOCK_PORT", "REDIS_LOCK_DB", "REDIS_LOCK_PASSWORD"):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("ACTIONS_TOKEN", TOKEN)
    endpoints = read_endpoints_from_path(str(BOT_DIR / "endpoints.production.yml"))
    assert endpoints.action.headers == {"Authorization": f"Bearer {TOKEN}"}


def test_each_call_asks_the_web_api_as_the_council_in_its_message(tmp_path):
    """The council's hostname in the message's metadata (the web app's chat proxy puts it there) is the Host the
    action server's calls to the web API carry, for that call only."""
    import http.server
    import json
    import threading

    seen = []

    class WebApi(http.server.BaseHTTPRequestHandler):
        def answer(self):
            seen.append((self.path.split("?")[0], self.headers.get("Host")))
            body = json.dumps({"name": "A council", "phones": {}, "pages": [], "version": "1"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = answer

        def log_message(self, *args):
            pass

    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), WebApi)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    port = free_port()
    env = {**os.environ, "ACTIONS_TOKEN": TOKEN, "WEB_API_URL": f"http://127.0.0.1:{web.server_port}",
           "BOT_API_TOKEN": "t", "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen([sys.executable, "action_server.py", "--port", str(port)], cwd=BOT_DIR, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{url}/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "the action server did not start"
            time.sleep(0.5)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        for host in ("fellside.localhost", None):
            body = call()
            body["tracker"]["latest_message"] = {"text": "a person please", "metadata": {"council": host} if host else {}}
            seen.clear()
            assert requests.post(f"{url}/webhook", json=body, headers=headers, timeout=30).status_code == 200
            assert seen, "the handoff asks the web API"
            expected = host or f"127.0.0.1:{web.server_port}"
            assert {host_seen for _, host_seen in seen} == {expected}, seen
    finally:
        process.terminate()
        process.wait(timeout=20)
        web.shutdown()


def test_matrix_products_run_on_the_calling_thread_alone():
    # numpy's OpenBLAS thread spun after every product a chat turn made: a whole core, on a two-core machine.
    sys.path.insert(0, str(BOT_DIR))
    import numpy
    from threadpoolctl import threadpool_info

    import action_server

    action_server.one_blas_thread()
    numpy.ones((64, 64)) @ numpy.ones(64)
    blas = [library for library in threadpool_info() if library["user_api"] == "blas"]
    assert blas and all(library["num_threads"] == 1 for library in blas), blas
