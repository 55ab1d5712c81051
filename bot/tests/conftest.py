"""Shared helpers for the action unit tests.

The web API is faked at the HTTP boundary with `responses`: the actions and the
CMS client run for real, only requests' transport is replaced.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import responses
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

BOT_DIR = Path(__file__).resolve().parent.parent
if str(BOT_DIR) not in sys.path:
    sys.path.insert(0, str(BOT_DIR))

from actions import config  # noqa: E402
from actions.api.kept_answers import kept_answers  # noqa: E402
from actions.knowledge import Knowledge, reset_knowledge  # noqa: E402
from actions.pages import PageCache, reset_cache  # noqa: E402

API = config.WEB_API_URL
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PHONES = {"main": "01632 960000", "out_of_hours": "01632 960999"}


@pytest.fixture
def api():
    """Fake web API: unexpected requests fail the test (assert_all_requests_are_fired off
    so a test can register more than it uses)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture(autouse=True)
def page_cache(tmp_path):
    """Each test starts with an empty copy of the chat pages, in a file of its own."""
    cache = PageCache(str(tmp_path / "chat_pages.json"))
    reset_cache(cache)
    yield cache
    reset_cache(None)


@pytest.fixture(autouse=True)
def released_contact(monkeypatch):
    """The council's contact details and pages as the release wrote them (export/council.json), whatever the
    checkout has."""
    monkeypatch.setattr(config, "FALLBACK_PHONE", PHONES["main"])
    monkeypatch.setattr(config, "FALLBACK_OUT_OF_HOURS_PHONE", PHONES["out_of_hours"])
    monkeypatch.setattr(config, "FALLBACK_OPENING_HOURS", "Monday to Friday, 9am to 5pm")
    monkeypatch.setattr(config, "FALLBACK_BIN_DAY_URL", "/bins-and-recycling/bin-collection-day/")
    monkeypatch.setattr(config, "FALLBACK_BIN_DAY_TITLE", "Find your bin collection day")
    monkeypatch.setattr(config, "FALLBACK_CONTACT_URL", "/contact-us/")
    monkeypatch.setattr(config, "SEARCH_URL", "/search/")


@pytest.fixture(autouse=True)
def answers_asked_every_time(monkeypatch):
    """Each test's fake web API answers every time (tests/test_kept_answers.py turns keeping on)."""
    monkeypatch.setattr(config, "ANSWER_KEEP_SECONDS", 0.0)
    kept_answers.clear()
    yield
    kept_answers.clear()


@pytest.fixture(autouse=True)
def knowledge():
    """Each test asks the (fake) web API for the pages' words afresh."""
    fresh = Knowledge(check_seconds=0)
    reset_knowledge(fresh)
    yield fresh
    reset_knowledge(None)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    intent: Optional[str] = None,
    text: str = "",
    *,
    confidence: float = 0.95,
    ranking: Optional[List[Dict[str, Any]]] = None,
    metadata: Optional[Dict[str, Any]] = None,
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    active_loop: Optional[str] = None,
    sender_id: str = "resident-1",
) -> Tracker:
    """A tracker as the action server receives it, built by hand."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": ranking
        if ranking is not None
        else [{"name": intent, "confidence": confidence}],
        "entities": [],
        "metadata": metadata or {},
    }
    return Tracker(
        sender_id=sender_id,
        slots=slots or {},
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def tracker_from_fixture(name: str) -> Tracker:
    """A tracker from a JSON dump in tests/fixtures (the shape Rasa posts)."""
    state = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return Tracker.from_dict(state)


def answer_body(path: str, title: str, kind: str, answer: str,
                start_url: Optional[str] = None,
                signpost: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """A GET /api/bot/answer/ response as the contract describes it."""
    return {
        "path": path,
        "title": title,
        "url": path,
        "summary": answer,
        "answer": answer,
        "kind": kind,
        "start_url": start_url,
        "signpost": signpost,
        "phones": dict(PHONES),
    }


def only_message(dispatcher: CollectingDispatcher) -> Dict[str, Any]:
    assert len(dispatcher.messages) == 1, dispatcher.messages
    return dispatcher.messages[0]


def request_json(call) -> Dict[str, Any]:
    return json.loads(call.request.body)


@pytest.fixture
def json_server():
    """A real HTTP/1.1 server (connections kept open, as the action server's and the web app's are) that answers
    every GET and POST with `body`: (its URL, [(the client's port, its Authorization header)] for each call)."""
    calls = []

    class Answer(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        body = b'{"events": [], "responses": []}'

        def do_GET(self):
            calls.append((self.client_address[1], self.headers.get("Authorization")))
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(self.body)))
            self.end_headers()
            self.wfile.write(self.body)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", calls
    server.shutdown()
    server.server_close()
