"""Which council's resident a turn is for: several councils share one assistant (one model, one action server).

The web app's chat proxy puts the council's hostname in every message's metadata ({"council": "fellside.localhost"}).
The action server reads it once per call (`from_action_call`) and the web API is asked as that council's site (its
`Host`), so answers, prices, forms and pages are that council's. Without it (an older proxy, a test), the web API
answers as its default site.
"""
from __future__ import annotations

import contextvars
import re
from typing import Any, Optional

HOSTNAME = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")

_council: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("council", default=None)


def current() -> Optional[str]:
    """The hostname of the council this turn is for, or None for the web app's default site."""
    return _council.get()


def use(hostname: Optional[str]) -> None:
    """For the rest of this call (the action server sets it at the start of every call)."""
    _council.set(hostname)


def from_action_call(body: Any) -> Optional[str]:
    """The council's hostname from an action call's tracker (its latest message's metadata), if it is a hostname."""
    tracker = body.get("tracker") if isinstance(body, dict) else None
    message = tracker.get("latest_message") if isinstance(tracker, dict) else None
    metadata = message.get("metadata") if isinstance(message, dict) else None
    council = metadata.get("council") if isinstance(metadata, dict) else None
    if isinstance(council, str) and HOSTNAME.match(council.lower()):
        return council.lower()
    return None
