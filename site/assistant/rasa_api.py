"""Rasa's HTTP API (rasa run --enable-api): pause and resume the bot for one conversation."""
import logging
import threading
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import quote

import requests
from django.conf import settings

from sitewide.circuit_breaker import CircuitBreaker

from .rasa_servers import configured_urls, servers_for

logger = logging.getLogger(__name__)


_thread = threading.local()


def http():
    """This thread's HTTP session to the Rasa servers: it keeps connections open between messages (a new
    connection for each message cost more than a millisecond) and keeps no cookies (nothing of one resident's
    conversation may go with another's)."""
    session = getattr(_thread, "session", None)
    if session is None:
        session = _thread.session = requests.Session()
        session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    return session


def timeout():
    """(connect, read) seconds: a bot that does not answer must not hold a web worker for long."""
    return (settings.RASA_CONNECT_TIMEOUT_SECONDS, settings.RASA_TIMEOUT_SECONDS)


def api_params():
    """Query parameters for Rasa's HTTP API: its token when the servers run with `--auth-token`
    (RASA_API_TOKEN). The REST channel the widget's messages go through needs none."""
    return {"token": settings.RASA_API_TOKEN} if settings.RASA_API_TOKEN else {}


def breaker(url=None):
    """The circuit for one Rasa server: while it is open, callers answer "call us" without waiting."""
    return CircuitBreaker(
        f"rasa:{url or settings.RASA_URL}",
        failure_threshold=settings.RASA_CIRCUIT_FAILURES,
        failure_window=settings.RASA_CIRCUIT_WINDOW_SECONDS,
        open_seconds=settings.RASA_CIRCUIT_OPEN_SECONDS,
    )


def send_events(sender_id, events):
    """Append events to the conversation's tracker (through its preferred server, or the next one if that
    cannot be reached: the tracker store is shared). False if no Rasa server takes them."""
    for server in servers_for(sender_id):
        try:
            response = http().post(
                f"{server}/conversations/{quote(sender_id, safe='')}/tracker/events",
                json=events,
                params={"include_events": "NONE", **api_params()},
                timeout=timeout(),
            )
            response.raise_for_status()
            return True
        except requests.ConnectionError as exc:
            logger.warning("Rasa server %s unreachable for %s: %s", server, sender_id, exc)
        except requests.RequestException as exc:
            logger.warning("Could not send %r to Rasa for %s: %s", events, sender_id, exc)
            return False
    return False


def resume(sender_id):
    """The bot carries on and forgets the handoff. The pause came inside action_handoff, before Rasa
    could listen, so we add the action_listen it missed; without it the next message gets no answer."""
    return send_events(
        sender_id,
        [
            {"event": "resume"},
            {"event": "slot", "name": "handoff_status", "value": None},
            {"event": "action", "name": "action_listen"},
        ],
    )


def parse(text):
    """What the assistant's model reads in `text` ({"intent": name, "confidence": 0.93, "margin": 0.8}: how far ahead
    of the next intent it is), without a conversation:
    Rasa's /model/parse keeps no tracker, so nothing is written (a link preview's crawler fills no list). None when
    no Rasa server answers or the circuit is open."""
    for server in configured_urls():
        circuit = breaker(server)
        if not circuit.allow():
            continue
        try:
            response = http().post(
                f"{server}/model/parse", json={"text": text}, params=api_params(), timeout=timeout()
            )
            response.raise_for_status()
            parsed = response.json()
            intent = parsed.get("intent") or {}
            ranking = [float(item.get("confidence") or 0) for item in parsed.get("intent_ranking") or []]
        except (requests.RequestException, ValueError, AttributeError, TypeError) as exc:
            circuit.record_failure()
            logger.warning("Rasa server %s could not read a question: %s", server, exc)
            continue
        circuit.record_success()
        confidence = float(intent.get("confidence") or 0)
        runner_up = ranking[1] if len(ranking) > 1 else 0.0
        return {"intent": str(intent.get("name") or ""), "confidence": confidence, "margin": confidence - runner_up}
    return None
