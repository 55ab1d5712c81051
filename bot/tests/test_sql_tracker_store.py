"""bot/sql_tracker_store.py: Rasa's SQL tracker store (on SQLite here), saving a conversation's new events without
counting the stored ones first, and storing exactly what Rasa's own store does."""
import asyncio
import json
import threading

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_tracker_store
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

from conftest import BOT_DIR
from sql_tracker_store import KnownCountSQLTrackerStore

DOMAIN = Domain.from_dict({"intents": ["greet"], "slots": {"last_page": {"type": "any", "mappings": []}}})


def store(path, kind=KnownCountSQLTrackerStore):
    return kind(domain=DOMAIN, dialect="sqlite", db=str(path))


def statements(tracker_store):
    seen = []
    sa.event.listen(tracker_store.engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *args: seen.append(statement.lower()))
    return seen


def conversation(tracker_store, sender):
    """Two turns, as Rasa's processor makes them through its wrapper store: made, saved, read again, added to, saved."""
    tracker_store = FailSafeTrackerStore(tracker_store)

    async def turns():
        tracker = await tracker_store.get_or_create_tracker(sender, append_action_listen=False)  # as the processor
        tracker.update(SessionStarted())
        tracker.update(UserUttered("hello", {"name": "greet", "confidence": 1.0}))
        await tracker_store.save(tracker)
        tracker = await tracker_store.retrieve(sender)
        tracker.update(SlotSet("last_page", "report_missed_bin"))
        tracker.update(ActionExecuted("action_listen"))
        await tracker_store.save(tracker)
        return await tracker_store.retrieve(sender)
    return asyncio.run(turns())


def stored(path):
    """Each stored row, its data without the moment it was made (the same in its own column)."""
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT sender_id, type_name, intent_name, action_name, timestamp, data FROM events ORDER BY id"))
        found = []
        for *columns, timestamp, data in rows:
            data = json.loads(data)
            assert data.pop("timestamp") == timestamp
            found.append((*columns, data))
        return found


def test_it_stores_what_rasa_s_own_store_stores(tmp_path):
    ours, rasa_s = tmp_path / "ours.db", tmp_path / "rasa.db"
    tracker = conversation(store(ours), "resident-1")
    conversation(store(rasa_s, SQLTrackerStore), "resident-1")
    assert stored(ours) == stored(rasa_s)
    assert [event.type_name for event in tracker.events] == ["session_started", "user", "slot", "action"]
    assert tracker.get_slot("last_page") == "report_missed_bin"


def test_a_conversation_s_stored_events_are_never_counted(tmp_path):
    tracker_store = store(tmp_path / "ours.db")
    seen = statements(tracker_store)
    conversation(tracker_store, "resident-2")  # made, saved empty, added to, saved, read, saved
    assert [statement for statement in seen if "count(" in statement] == []
    # one statement for each save's new events (Rasa's ORM objects: one for each event, 4 here)
    assert len([statement for statement in seen if statement.startswith("insert into events")]) == 2


def test_a_new_conversation_s_empty_tracker_is_saved_without_asking_the_database(tmp_path):
    tracker_store = FailSafeTrackerStore(store(tmp_path / "ours.db"))
    seen = statements(tracker_store._tracker_store)

    async def made():
        return await tracker_store.get_or_create_tracker("resident-4", append_action_listen=False)

    tracker = asyncio.run(made())
    assert not tracker.events
    assert [statement.split()[0] for statement in seen] == ["select"]  # only the look for a stored conversation


def test_a_tracker_it_did_not_read_is_counted_as_rasa_does(tmp_path):
    tracker_store = store(tmp_path / "ours.db")
    conversation(tracker_store, "resident-3")

    async def copy_and_save():
        tracker = (await tracker_store.retrieve("resident-3")).copy()
        tracker.update(ActionExecuted("action_listen"))
        await tracker_store.save(tracker)

    asyncio.run(copy_and_save())
    assert len(stored(tmp_path / "ours.db")) == 5  # the one new event, not all of them again


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.production.yml"])
def test_the_servers_use_it(endpoints, monkeypatch, tmp_path):
    for name in ("TRACKER_DB_HOST", "TRACKER_DB_PORT", "TRACKER_DB_NAME", "TRACKER_DB_USER", "TRACKER_DB_PASSWORD",
                 "ACTION_ENDPOINT_URL", "ACTIONS_TOKEN", "REDIS_LOCK_HOST", "REDIS_LOCK_PORT", "REDIS_LOCK_DB",
                 "REDIS_LOCK_PASSWORD"):
        monkeypatch.setenv(name, "1")
    config = read_endpoints_from_path(str(BOT_DIR / endpoints)).tracker_store
    assert config.type == "sql_tracker_store.KnownCountSQLTrackerStore"
    if endpoints == "endpoints.yml":  # SQLite: made for real (Rasa falls back to memory when the class is not found)
        monkeypatch.chdir(tmp_path)
        made = create_tracker_store(config, DOMAIN)
        assert isinstance(made, KnownCountSQLTrackerStore)


def test_it_reads_the_latest_session_as_rasa_s_own_store_does(tmp_path):
    path = tmp_path / "ours.db"
    tracker_store = store(path)
    conversation(tracker_store, "resident-5")

    async def second_session_then_read():
        tracker = await tracker_store.retrieve("resident-5")
        tracker.update(SessionStarted())
        tracker.update(UserUttered("missed bin", {"name": "greet", "confidence": 1.0}))
        await tracker_store.save(tracker)
        return [await kind.retrieve(sender) for kind in (tracker_store, store(path, SQLTrackerStore))
                for sender in ("resident-5", "nobody")]

    ours, ours_nobody, rasa_s, rasa_s_nobody = asyncio.run(second_session_then_read())
    assert [event.as_dict() for event in ours.events] == [event.as_dict() for event in rasa_s.events]
    assert [event.type_name for event in ours.events] == ["session_started", "user"]  # the latest session only
    assert ours_nobody is None and rasa_s_nobody is None
    seen = statements(tracker_store)
    asyncio.run(tracker_store.retrieve("resident-5"))
    assert len(seen) == 1  # one statement: no session, no schema look-up


def test_the_database_is_asked_off_the_event_loop_s_thread(tmp_path):
    # A blocking query on the loop's one thread holds every other conversation of the server until it returns.
    tracker_store = store(tmp_path / "ours.db")
    threads = []
    sa.event.listen(tracker_store.engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *args: threads.append((threading.get_ident(), statement[:30])))

    async def turn():
        loop_thread = threading.get_ident()
        tracker = await tracker_store.retrieve("resident-6")
        assert tracker is None
        tracker = await FailSafeTrackerStore(tracker_store).get_or_create_tracker("resident-6", append_action_listen=True)
        tracker.update(SessionStarted())
        await tracker_store.save(tracker)
        await tracker_store.retrieve("resident-6")
        return loop_thread

    loop_thread = asyncio.run(turn())
    # read, read (get or create), count (a tracker it did not read) and save, save, read again
    assert len(threads) == 6 and loop_thread not in {thread for thread, _ in threads}
