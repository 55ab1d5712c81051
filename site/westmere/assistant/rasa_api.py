"""Rasa's HTTP API (rasa run --enable-api): pause and resume the bot for one conversation."""
import logging

import requests
from django.conf import settings

logger = logging.getLogger(__name__)


def send_event(sender_id, event):
    """Append an event ("pause" or "resume") to the conversation's tracker. False if Rasa is down."""
    try:
        response = requests.post(
            f"{settings.RASA_URL}/conversations/{sender_id}/tracker/events",
            json={"event": event},
            params={"include_events": "NONE"},
            timeout=settings.RASA_TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        return True
    except requests.RequestException as exc:
        logger.warning("Could not send %r to Rasa for %s: %s", event, sender_id, exc)
        return False


def pause(sender_id):
    return send_event(sender_id, "pause")


def resume(sender_id):
    return send_event(sender_id, "resume")
