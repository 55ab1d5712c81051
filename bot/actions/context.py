"""What the conversation is about: the page of the last answer (its topic), the pages offered as a choice, and
the last task, kept in tracker slots (so every Rasa server shares them) and forgotten after a while of silence.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import config

TOPIC_SLOTS = ("topic", "topic_options", "last_task")


@dataclass(frozen=True)
class Context:
    topic: Optional[str] = None
    options: Tuple[str, ...] = ()
    last_task: Optional[str] = None

    def pages(self) -> List[str]:
        """The topic first, then the other pages offered with it."""
        found = [self.topic] if self.topic else []
        return found + [key for key in self.options if key and key not in found]


def _set_at(tracker: Tracker, slot: str) -> Optional[float]:
    for event in reversed(tracker.events or []):
        if event.get("event") == "slot" and event.get("name") == slot:
            return float(event.get("timestamp") or 0.0) or None
    return None


def _fresh(tracker: Tracker, slot: str, now: Optional[float]) -> bool:
    set_at = _set_at(tracker, slot)
    if set_at is None:
        return True  # set by the tests' trackers without events
    return (now or time.time()) - set_at <= config.TOPIC_MINUTES * 60


def current(tracker: Tracker, now: Optional[float] = None) -> Context:
    """The context of the conversation, empty when the last answer is older than TOPIC_MINUTES."""
    topic = tracker.get_slot("topic")
    if not topic or not _fresh(tracker, "topic", now):
        return Context()
    options = tracker.get_slot("topic_options") or []
    last_task = tracker.get_slot("last_task")
    return Context(
        topic=str(topic),
        options=tuple(str(key) for key in options if isinstance(key, str)),
        last_task=str(last_task) if last_task and _fresh(tracker, "last_task", now) else None,
    )


def remember(topic: Optional[str], options: Sequence[str] = (), task: Optional[str] = None) -> List[Dict[str, Any]]:
    """Events that make `topic` (and the other pages offered) the conversation's topic; a task page is also
    the last task."""
    events = [SlotSet("topic", topic), SlotSet("topic_options", [key for key in options if key != topic])]
    if task:
        events.append(SlotSet("last_task", task))
    return events
