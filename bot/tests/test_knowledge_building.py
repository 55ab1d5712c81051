"""actions/knowledge.py: a turn never waits while the pages' index is rebuilt (seconds: every page's meaning), and
before the first index it waits only a little (a turn that waited whole seconds timed out at the web app)."""
import threading
import time

from actions import config
from actions.knowledge import Knowledge

PAGE = {"key": "report_missed_bin", "title": "Report a missed bin collection", "url": "/bins/missed/",
        "summary": "Tell us if your bin was not emptied.", "questions": ["my bin was missed"]}


class SlowSite:
    """The web API's knowledge endpoint, answering only when let go (as a site still starting, or a big council)."""

    def __init__(self, version):
        self.version = version
        self.go = threading.Event()

    def knowledge(self, version=""):
        self.go.wait(10)
        return {"version": self.version, "pages": [PAGE], "synonyms": []}


def in_background(function):
    thread = threading.Thread(target=function, daemon=True)
    thread.start()
    return thread


def test_a_turn_uses_the_index_it_has_while_a_new_one_is_built():
    knowledge = Knowledge(check_seconds=0)
    first = SlowSite("1")
    first.go.set()
    built = knowledge.index(first)
    assert "report_missed_bin" in built
    second = SlowSite("2")
    building = in_background(lambda: knowledge.index(second))  # a turn that found the check due, now building
    time.sleep(0.1)
    started = time.monotonic()
    assert knowledge.index(second) is built  # another turn meanwhile: the index in use, at once
    assert time.monotonic() - started < 1
    second.go.set()
    building.join(5)
    assert knowledge.index(SlowSite("2")) is not built


def test_before_the_first_index_a_turn_waits_only_a_little(monkeypatch):
    monkeypatch.setattr(config, "KNOWLEDGE_FIRST_WAIT_SECONDS", 0.3)
    knowledge = Knowledge(check_seconds=3600)
    site = SlowSite("1")
    warming_up = in_background(lambda: knowledge.refresh(site))  # the action server's warm-up, site still starting
    time.sleep(0.1)
    started = time.monotonic()
    index = knowledge.index(site)
    assert time.monotonic() - started < 1 and "report_missed_bin" not in index  # on without it
    site.go.set()
    warming_up.join(5)
    assert "report_missed_bin" in knowledge.index(site)
