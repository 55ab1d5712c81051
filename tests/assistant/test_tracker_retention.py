"""What the assistant itself keeps of conversations (Rasa's tracker store) goes after RASA_TRACKER_RETENTION_DAYS
(issue 26: "How our assistant works" says so), here in the SQLite store `make run` uses."""
import io
import sqlite3
import time

import pytest
from django.core.management import call_command

from assistant.tracker_retention import delete_events_before

DAY = 24 * 3600
CREATE = "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255), timestamp FLOAT)"


@pytest.fixture
def tracker(tmp_path, settings):
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as db:
        db.execute(CREATE)
        now = time.time()
        db.executemany("INSERT INTO events (sender_id, type_name, timestamp) VALUES (?, ?, ?)",
                       [("old", "user", now - 40 * DAY), ("old", "bot", now - 31 * DAY), ("new", "user", now - DAY)])
    settings.RASA_TRACKER_DATABASE_URL = f"sqlite:///{path}"
    settings.RASA_TRACKER_RETENTION_DAYS = 30
    return path


@pytest.mark.django_db
def test_the_daily_job_deletes_what_the_assistant_kept_longer_than_the_days_it_says(tracker):
    out = io.StringIO()
    call_command("delete_old_transcripts", stdout=out)
    assert "Deleted 2 events the assistant kept of conversations older than 30 days." in out.getvalue()
    with sqlite3.connect(tracker) as db:
        assert db.execute("SELECT sender_id FROM events").fetchall() == [("new",)]


def test_no_store_yet_is_nothing_to_delete(tmp_path, settings):
    from django.utils import timezone

    settings.RASA_TRACKER_DATABASE_URL = f"sqlite:///{tmp_path / 'none.db'}"
    assert delete_events_before(timezone.now()) == 0
    settings.RASA_TRACKER_DATABASE_URL = "postgres://nobody:nothing@127.0.0.1:1/none_tracker"
    assert delete_events_before(timezone.now()) == 0
