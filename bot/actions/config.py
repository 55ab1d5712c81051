"""Action server settings, read from the environment with safe local defaults."""

from __future__ import annotations

import json
import os
from typing import Dict


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

# The council's contact details and pages for when the web API cannot be reached (the live values come from
# GET /api/bot/council/): written from the CMS's contact settings and pages with the training data
# (`manage.py export_assistant_data` writes export/council.json); COUNCIL_* variables override them.
COUNCIL_CONTACT_FILE: str = os.environ.get(
    "COUNCIL_CONTACT_FILE", os.path.join(os.path.dirname(os.path.dirname(__file__)), "export", "council.json")
)


def _released_contact() -> Dict[str, str]:
    try:
        with open(COUNCIL_CONTACT_FILE, encoding="utf-8") as stored:
            contact = json.load(stored)
    except (OSError, ValueError):
        return {}
    return {key: value for key, value in contact.items() if isinstance(value, str)} if isinstance(contact, dict) else {}


_CONTACT = _released_contact()
FALLBACK_PHONE: str = os.environ.get("COUNCIL_PHONE", _CONTACT.get("phone", ""))
FALLBACK_OUT_OF_HOURS_PHONE: str = os.environ.get("COUNCIL_OUT_OF_HOURS_PHONE", _CONTACT.get("out_of_hours_phone", ""))
FALLBACK_OPENING_HOURS: str = os.environ.get("COUNCIL_OPENING_HOURS", _CONTACT.get("opening_hours", ""))
# The pages the bot links when the web app is down, where the release found them (editors may move any page).
FALLBACK_BIN_DAY_URL: str = _CONTACT.get("bin_day_url", "")
FALLBACK_BIN_DAY_TITLE: str = _CONTACT.get("bin_day_title", "") or "Find your bin collection day"
FALLBACK_CONTACT_URL: str = _CONTACT.get("contact_url", "")
# The site search's address (a route of the web app, as the release found it): offered when the bot cannot answer.
SEARCH_URL: str = _CONTACT.get("search_url", "")

# The action server's copy of the pages the assistant answers (actions/pages.py), used to name and link
# a page when the web app is down; refreshed from GET /api/bot/pages/ at most this often (seconds).
PAGE_CACHE_FILE: str = os.environ.get(
    "PAGE_CACHE_FILE", os.path.join(os.path.dirname(os.path.dirname(__file__)), ".cache", "chat_pages.json")
)
PAGE_CACHE_REFRESH_SECONDS: float = _float("PAGE_CACHE_REFRESH_SECONDS", 600.0)

# How often (seconds, at most) the action server asks the web API whether a page changed, to index the pages'
# own words again (actions/knowledge.py): a newly published page is understood within this long.
KNOWLEDGE_CHECK_SECONDS: float = _float("KNOWLEDGE_CHECK_SECONDS", 10.0)
# How long (seconds, at most) a turn waits for the pages' first index while it is being built (after a start, before
# the web app answered): then it goes on without, well inside the web app's wait for the whole turn (5 s).
KNOWLEDGE_FIRST_WAIT_SECONDS: float = _float("KNOWLEDGE_FIRST_WAIT_SECONDS", 2.0)
# How long (seconds) a page's chat answer from the web API is kept (actions/api/kept_answers.py); never longer
# than KNOWLEDGE_CHECK_SECONDS. 0: asked for every answer.
ANSWER_KEEP_SECONDS: float = _float("ANSWER_KEEP_SECONDS", 10.0)
# Minutes after the last answer during which a follow-up ("how do I join?") is read with that answer's page.
TOPIC_MINUTES: float = _float("CHAT_TOPIC_MINUTES", 20.0)
