"""Action server settings, read from the environment with safe local defaults."""

from __future__ import annotations

import os


def _float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


# Base URL of the web process (Django + Wagtail) that serves the bot API.
WEB_API_URL: str = os.environ.get("WEB_API_URL", "http://127.0.0.1:8000").rstrip("/")
# Shared secret for the bot API: sent as "Authorization: Bearer <token>" when set
# (the web app checks it when its own BOT_API_TOKEN is set).
BOT_API_TOKEN: str = os.environ.get("BOT_API_TOKEN", "")
# Seconds to wait for the web API before degrading to the fallback text.
WEB_API_TIMEOUT: float = _float("WEB_API_TIMEOUT", 5.0)

# Used only when the web API cannot be reached. The real values come from
# GET /api/bot/council/ (the CMS); these match the demo council.
FALLBACK_PHONE: str = os.environ.get("COUNCIL_PHONE", "01632 960000")
FALLBACK_OUT_OF_HOURS_PHONE: str = os.environ.get(
    "COUNCIL_OUT_OF_HOURS_PHONE", "01632 960999"
)
FALLBACK_OPENING_HOURS: str = os.environ.get(
    "COUNCIL_OPENING_HOURS", "Monday to Friday, 9am to 5pm"
)

# The action server's copy of the pages the assistant answers (actions/pages.py), used to name and link
# a page when the web app is down; refreshed from GET /api/bot/pages/ at most this often (seconds).
PAGE_CACHE_FILE: str = os.environ.get(
    "PAGE_CACHE_FILE", os.path.join(os.path.dirname(os.path.dirname(__file__)), ".cache", "chat_pages.json")
)
PAGE_CACHE_REFRESH_SECONDS: float = _float("PAGE_CACHE_REFRESH_SECONDS", 600.0)

# How often (seconds, at most) the action server asks the web API whether a page changed, to index the pages'
# own words again (actions/knowledge.py): a newly published page is understood within this long.
KNOWLEDGE_CHECK_SECONDS: float = _float("KNOWLEDGE_CHECK_SECONDS", 10.0)
# Minutes after the last answer during which a follow-up ("how do I join?") is read with that answer's page.
TOPIC_MINUTES: float = _float("CHAT_TOPIC_MINUTES", 20.0)
