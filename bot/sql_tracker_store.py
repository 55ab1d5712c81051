"""Rasa's SQL tracker store, saving a turn's new events in one statement without counting the stored ones first.

Rasa's `SQLTrackerStore.save` first counts the events stored since the conversation's last session start (a query
with a subquery) to know which of the tracker's events are new, then inserts each new event with a statement of its
own. One Rasa server handles a conversation at a time (the Redis lock store), so the tracker itself can carry how
many of its events are stored: those it was read with, and all of them once it is saved. A tracker that carries no
count and has events (a copy) is counted as Rasa does. A new conversation's tracker, which Rasa saves empty the
moment it makes it, has nothing to store and asks nothing. The new events go in one INSERT.

Reading and saving run on a thread of the event loop's executor (asyncio.to_thread): the database driver blocks, and
while a Rasa server's one thread waited on PostgreSQL it answered no other conversation (a server alone used 74 to
83 % of its core under load). One conversation's turns still come one at a time (the lock store), each saved before
its lock is given back.

Named in endpoints.yml and endpoints.production.yml as `sql_tracker_store.KnownCountSQLTrackerStore`; the same
table (`events`) and rows, so retention (site/assistant/tracker_retention.py) and Rasa's own tools read it as before.
"""
import asyncio
import itertools
import json
import os
from typing import Any, Dict, Iterator, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import POSTGRESQL_SCHEMA, SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

STORED = "_stored_events"  # set on a tracker: how many of its events are in the table


class KnownCountSQLTrackerStore(SQLTrackerStore):
    _latest_session_statement = None

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        if fetch_events_from_all_sessions or os.environ.get(POSTGRESQL_SCHEMA):
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        rows = await asyncio.to_thread(self.latest_session_rows, sender_id)
        if not self.domain or not rows:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(data) for data, in rows], self.domain.slots)
        setattr(tracker, STORED, len(tracker.events))  # the events since the last session start, as save counts
        return tracker

    def latest_session_rows(self, sender_id: Text) -> list:
        with self.engine.connect() as connection:
            return connection.execute(self.latest_session_statement(), {"sender_id": sender_id}).all()

    def latest_session_statement(self):
        """Rasa's query for a conversation's events since its last session start (SQLTrackerStore._event_query), as
        one Core statement made once: Rasa builds it as an ORM query in a new session for every turn, which took
        more of a Rasa server's time than the database did to answer it."""
        if self._latest_session_statement is None:
            table = self.SQLEvent.__table__
            sender = sa.bindparam("sender_id")
            session_start = (
                sa.select(sa.func.max(table.c.timestamp).label("session_start"))
                .where(table.c.sender_id == sender, table.c.type_name == SessionStarted.type_name)
                .subquery()
            )
            self._latest_session_statement = (
                sa.select(table.c.data)
                .where(
                    table.c.sender_id == sender,
                    sa.or_(table.c.timestamp >= session_start.c.session_start, session_start.c.session_start.is_(None)),
                )
                .order_by(table.c.id)
            )
        return self._latest_session_statement

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, STORED, None)
        if stored is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        if getattr(tracker, STORED, None) is None and not tracker.events:
            # A new conversation's tracker, which Rasa saves empty as soon as it makes it (before the session starts):
            # nothing to store, and nothing stored to count.
            setattr(tracker, STORED, 0)
            return
        await self.stream_events(tracker)
        await asyncio.to_thread(self.store_new_events, tracker)
        setattr(tracker, STORED, len(tracker.events))

    def store_new_events(self, tracker: DialogueStateTracker) -> None:
        if getattr(tracker, STORED, None) is None:  # a copy: counted as Rasa does, in a session
            with self.session_scope() as session:
                rows = [event_row(tracker.sender_id, event) for event in self._additional_events(session, tracker)]
        else:
            rows = [event_row(tracker.sender_id, event) for event in self._additional_events(None, tracker)]
        if rows:
            # One INSERT of every new row, in a transaction of its own: Rasa adds each as an ORM object, and the ORM
            # inserts them one statement each (to read back each id), so a turn's eight or so events were eight
            # round trips.
            with self.engine.begin() as connection:
                connection.execute(self.SQLEvent.__table__.insert(), rows)


def event_row(sender_id: Text, event: Event) -> Dict[Text, Any]:
    """The events table's row for an event, as Rasa's SQLTrackerStore.save makes it."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }
