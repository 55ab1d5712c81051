"""Rasa's SQL tracker store, without counting a conversation's stored events every time it is saved.

Rasa's `SQLTrackerStore.save` first counts the events stored since the conversation's last session start (a query
with a subquery) to know which of the tracker's events are new; with the first message's two saves that is two
queries of every chat turn. A new conversation's tracker is saved empty the moment it is made: that save is nothing
to store, so it asks nothing (before, a count and a commit of every conversation's first turn). One Rasa server handles a conversation at a time (the Redis lock store), so the tracker
itself can carry how many of its events are stored: those it was read with, and all of them once it is saved. A
tracker that carries no count and has events (a copy) is counted as Rasa does the first time it is saved.

Named in endpoints.yml and endpoints.production.yml as `sql_tracker_store.KnownCountSQLTrackerStore`; the same
table (`events`), so retention (site/assistant/tracker_retention.py) and Rasa's own tools read it as before.
"""
import itertools
from typing import Any, Iterator, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

STORED = "_stored_events"  # set on a tracker: how many of its events are in the table


class KnownCountSQLTrackerStore(SQLTrackerStore):
    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None and not fetch_events_from_all_sessions:
            setattr(tracker, STORED, len(tracker.events))  # the events since the last session start, as save counts
        return tracker

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
        await super().save(tracker)
        setattr(tracker, STORED, len(tracker.events))
