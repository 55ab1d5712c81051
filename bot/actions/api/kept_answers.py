"""Pages' chat answers from the web API, kept for a few seconds in the action server.

Residents ask about the same few dozen pages, and each answer is a round trip to the web app (its HTTP, its
middleware, its CPU on the same machine as Rasa). An answer is kept per council and page for ANSWER_KEEP_SECONDS,
which is never longer than the action server takes to notice that a page changed (KNOWLEDGE_CHECK_SECONDS), so an
edited page is answered as it is now within the time it is understood as it is now. Only answers are kept: never a
failure, and every caller gets its own copy."""
from __future__ import annotations

import copy
import threading
import time
from typing import Any, Callable, Dict, Optional, Tuple

from actions import config

MAX_KEPT = 2000  # answers kept at the most (about a kilobyte each); past it the oldest go


class KeptAnswers:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: Dict[Tuple[Optional[str], str], Tuple[float, Dict[str, Any]]] = {}

    def get(self, council: Optional[str], key: str, fetch: Callable[[], Dict[str, Any]]) -> Dict[str, Any]:
        seconds = min(config.ANSWER_KEEP_SECONDS, config.KNOWLEDGE_CHECK_SECONDS)
        if seconds <= 0:
            return fetch()
        now = time.monotonic()
        with self._lock:
            found = self._kept.get((council, key))
        if found is not None and now - found[0] < seconds:
            return copy.deepcopy(found[1])
        answer = fetch()  # raises on a failure: nothing is kept
        with self._lock:
            if len(self._kept) >= MAX_KEPT:
                for old in sorted(self._kept, key=lambda item: self._kept[item][0])[: MAX_KEPT // 2]:
                    del self._kept[old]
            self._kept[(council, key)] = (now, copy.deepcopy(answer))
        return answer

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


kept_answers = KeptAnswers()
