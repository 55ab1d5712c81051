"""The phone numbers a reply gives when the assistant cannot help: the turn's council's own.

The default council's are in the exported contact file (actions.config), so they are known even when the web API
is down. Another council's are asked of the web API the first time they are needed and kept for a while
(CONTACT_SECONDS), so a reply never gives one council's number on another council's site; while the web API is
down, the last ones seen are used, and only with none seen yet the default council's.
"""
from __future__ import annotations

import time
from typing import Any, Dict, Optional, Tuple

from actions import config, council
from actions.api.cms import CmsError, get_client
from actions.shared import Shared

CONTACT_SECONDS = 600.0


class KnownContact:
    def __init__(self) -> None:
        self.details: Dict[str, Any] = {}
        self.seen_at: Optional[float] = None

    def fresh(self, now: float) -> bool:
        return self.seen_at is not None and now - self.seen_at < CONTACT_SECONDS


_known: Shared[KnownContact] = Shared(KnownContact)


def details(ask: bool = True) -> Dict[str, Any]:
    """The turn's council's details from the web API ({} for the default council, whose are in the config);
    `ask=False` when the web API is known to be down: only what was seen before."""
    if council.current() is None:
        return {}
    known = _known.get()
    now = time.monotonic()
    if ask and not known.fresh(now):
        try:
            known.details, known.seen_at = get_client().council(), now
        except CmsError:
            pass
    return known.details


def phones(ask: bool = True) -> Tuple[str, str]:
    """(main phone, out-of-hours phone) of the turn's council."""
    found = details(ask)
    return (
        found.get("phone") or config.FALLBACK_PHONE,
        found.get("out_of_hours_phone") or config.FALLBACK_OUT_OF_HOURS_PHONE,
    )


def phone(ask: bool = True) -> str:
    return phones(ask)[0]


def bin_day_url(ask: bool = True) -> str:
    """The turn's council's bin-day page; "" when it has none or it is not known (never another council's page)."""
    if council.current() is None:
        return config.FALLBACK_BIN_DAY_URL
    return details(ask).get("bin_day_url") or ""


def example_postcode(ask: bool = True) -> str:
    """One of the turn's council's own postcodes for "For example, ..."; "" for the default council (the bot's
    words have its example already) or when none is known."""
    return details(ask).get("example_postcode") or ""
