"""The pages the assistant answers, as last seen from the web API: a copy for when the web app is down.

The bot holds no table of pages: a content intent is named after its page's stable chat key, and
``action_answer_from_cms`` asks ``GET /api/bot/answer/?key=<intent>``. Every answer, and now and then
the whole list (``GET /api/bot/pages/``), is remembered here and in a small JSON file, so that during
an outage - even after a restart of the action server - the bot can still name and link the page.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Dict, Optional
from urllib.parse import quote_plus

from actions import config
from actions.shared import Shared

logger = logging.getLogger(__name__)

START_NOW_KINDS = frozenset({"report", "apply", "pay", "book"})


def search_url(question: str = "") -> str:
    """The site search, for the question when there is one (where the release found the search: config)."""
    return f"{config.SEARCH_URL}?q={quote_plus(question)}" if question else config.SEARCH_URL


class PageCache:
    """key -> {"title", "url", "kind"}; thread-safe, kept in memory and in a JSON file."""

    def __init__(self, path: Optional[str] = None, refresh_seconds: Optional[float] = None) -> None:
        self.path = Path(path or config.PAGE_CACHE_FILE)
        self.refresh_seconds = config.PAGE_CACHE_REFRESH_SECONDS if refresh_seconds is None else refresh_seconds
        self._lock = threading.Lock()
        self._pages: Dict[str, Dict[str, str]] = {}
        self._loaded = False
        self._refreshed_at = float("-inf")

    def get(self, key: str) -> Optional[Dict[str, str]]:
        with self._lock:
            self._load()
            page = self._pages.get(key)
            return dict(page) if page else None

    def remember(self, key: str, data: Dict[str, Any]) -> None:
        self.update({key: data})

    def replace_all(self, pages: Dict[str, Dict[str, Any]]) -> None:
        """The full list from the API: pages no longer answered are forgotten."""
        with self._lock:
            self._pages = {}
            self._loaded = True
            self._refreshed_at = time.monotonic()
        self.update(pages)

    def update(self, pages: Dict[str, Dict[str, Any]]) -> None:
        entries = {key: _entry(data) for key, data in pages.items() if key and _entry(data)}
        with self._lock:
            self._load()
            changed = any(self._pages.get(key) != entry for key, entry in entries.items())
            self._pages.update(entries)
            if changed or not self.path.exists():
                self._save()

    def needs_refresh(self) -> bool:
        return time.monotonic() - self._refreshed_at > self.refresh_seconds

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict):
            self._pages = {key: entry for key, entry in stored.items() if isinstance(entry, dict)}

    def _save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, delete=False, encoding="utf-8") as f:
                json.dump(self._pages, f, indent=1, sort_keys=True)
            os.replace(f.name, self.path)
        except OSError as exc:  # a read-only disk must not stop the bot answering
            logger.warning("Could not save the page cache to %s: %s", self.path, exc)


def _entry(data: Dict[str, Any]) -> Optional[Dict[str, str]]:
    url = data.get("url") or data.get("path")
    if not isinstance(url, str) or not url:
        return None
    return {"title": str(data.get("title") or ""), "url": url, "kind": str(data.get("kind") or "")}


_cache: Shared[PageCache] = Shared(PageCache)
get_cache = _cache.get
reset_cache = _cache.reset
