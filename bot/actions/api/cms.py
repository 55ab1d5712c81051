"""A small HTTP client for the web app's bot API (the CMS is the source of truth).

Every method returns the decoded JSON body. Failures are raised as:

* ``NotFound`` - the API answered 404 (unknown page, postcode not in the area);
* ``BadRequest`` - the API answered 400 (for example an invalid postcode);
* ``CmsUnavailable`` - the web app could not be reached, timed out, answered with
  any other error status (403 for a wrong BOT_API_TOKEN, 5xx) or with something
  that is not JSON. Actions catch it and degrade to a
  phone number and a plain link.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Dict, List, Optional

import requests

from actions import config, council
from actions.api.kept_answers import kept_answers

logger = logging.getLogger(__name__)
_per_thread = threading.local()


def kept_session() -> requests.Session:
    """This thread's session, whose connections to the web app stay open: a new session for each call opened a new
    connection each time (a TCP handshake, and nginx and gunicorn accepting it, in every chat turn)."""
    session = getattr(_per_thread, "session", None)
    if session is None:
        session = _per_thread.session = requests.Session()
    return session


class CmsError(Exception):
    """Base class for errors talking to the web API."""

    def __init__(self, message: str, status: Optional[int] = None,
                 body: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body or {}


class CmsUnavailable(CmsError):
    """The web API is down, slow or returned an unusable response."""


class NotFound(CmsError):
    """404 from the web API."""


class BadRequest(CmsError):
    """400 from the web API."""


class CmsClient:
    """Talks to ``WEB_API_URL``; one instance can be shared between actions."""

    def __init__(self, base_url: Optional[str] = None, timeout: Optional[float] = None,
                 token: Optional[str] = None,
                 session: Optional[requests.Session] = None) -> None:
        self.base_url = (base_url or config.WEB_API_URL).rstrip("/")
        self.timeout = config.WEB_API_TIMEOUT if timeout is None else timeout
        self.session = session or kept_session()
        self.headers = {"Accept": "application/json"}  # each request's, not the shared session's
        token = config.BOT_API_TOKEN if token is None else token
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    # -- endpoints --------------------------------------------------------

    def answer(self, key: str) -> Dict[str, Any]:
        """GET /api/bot/answer/?key=... : the chat answer of the page with that stable key (kept a few seconds)."""
        return kept_answers.get(council.current(), key,
                                lambda: self._request("GET", "/api/bot/answer/", params={"key": key}))

    def pages(self) -> List[Dict[str, Any]]:
        """GET /api/bot/pages/ : key, title, url and kind of every page the assistant answers."""
        pages = self._request("GET", "/api/bot/pages/").get("pages") or []
        return [page for page in pages if isinstance(page, dict) and page.get("key")]

    def knowledge(self, version: str = "") -> Dict[str, Any]:
        """GET /api/bot/knowledge/?version=... : every page's own words, or {"unchanged": true} for that version."""
        return self._request("GET", "/api/bot/knowledge/", params={"version": version} if version else None)

    def search(self, query: str, limit: int = 3) -> List[Dict[str, Any]]:
        """GET /api/search/?q=...&limit=... : the top results (title, url, summary)."""
        body = self._request("GET", "/api/search/", params={"q": query, "limit": limit})
        results = body.get("results") or []
        return [r for r in results if isinstance(r, dict) and r.get("url")][:limit]

    def council(self) -> Dict[str, Any]:
        """GET /api/bot/council/ : name, phones, opening hours, contact page."""
        return self._request("GET", "/api/bot/council/")

    def bin_day(self, postcode: str) -> Dict[str, Any]:
        """GET /api/bot/bin-day/?postcode=... : collection days from the address list (per round if they differ)."""
        return self._request("GET", "/api/bot/bin-day/", params={"postcode": postcode})

    def handoff(self, payload: Dict[str, Any]) -> Dict[str, Any]:
        """POST /api/bot/handoff/ : ask for a person, with the transcript."""
        return self._request("POST", "/api/bot/handoff/", json=payload)

    def unanswered(self, payload: Dict[str, Any]) -> Dict[str, Any]:
        """POST /api/bot/unanswered/ : record a question the bot could not answer."""
        return self._request("POST", "/api/bot/unanswered/", json=payload)

    def transcript(self, payload: Dict[str, Any]) -> Dict[str, Any]:
        """POST /api/bot/transcript/ : keep a conversation that went wrong for editors to read."""
        return self._request("POST", "/api/bot/transcript/", json=payload)

    # -- plumbing ---------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> Dict[str, Any]:
        url = f"{self.base_url}{path}"
        kwargs["headers"] = {**self.headers, **kwargs.get("headers", {})}
        host = council.current()
        if host:  # asked as the resident's council's site: its pages, prices and forms
            kwargs["headers"]["Host"] = host
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            logger.warning("Web API %s %s failed: %s", method, url, exc)
            raise CmsUnavailable(f"{method} {path} failed: {exc}") from exc

        try:
            body = response.json()
        except ValueError:
            body = None

        status = response.status_code
        if status == 404:
            raise NotFound(f"{method} {path}: not found", status, body)
        if status == 400:
            raise BadRequest(f"{method} {path}: bad request", status, body)
        if status >= 300 or not isinstance(body, dict):
            logger.warning("Web API %s %s answered %s", method, url, status)
            raise CmsUnavailable(f"{method} {path}: HTTP {status}", status, body)
        return body


def get_client() -> CmsClient:
    """A client configured from the environment (tests fake the HTTP underneath)."""
    return CmsClient()
