"""Helpers shared by the actions: link payloads, buttons, tracker reading."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from rasa_sdk import Tracker

TALK_TO_A_PERSON = {"title": "Talk to a person", "payload": "/request_human"}

# Intents that say nothing about what the conversation is about.
NON_TOPIC_INTENTS = frozenset(
    {"request_human", "greet", "thanks", "goodbye", "bot_challenge", "stop", "affirm", "deny", "not_helpful",
     "ask_what_you_can_do", "ask_cost", "ask_what_you_need"}
)


def link(text: str, url: str) -> Dict[str, str]:
    return {"text": text, "url": url}


def links_message(links: Iterable[Dict[str, str]], **extra: Any) -> Dict[str, Any]:
    """The custom JSON payload sent beside the text: {"links": [...], ...}."""
    message: Dict[str, Any] = {"links": [dict(item) for item in links if item.get("url")]}
    message.update(extra)
    return message


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def page_url(tracker: Tracker) -> str:
    """The page the resident is on: message metadata {"page": "/path/"}.

    Looks at the latest message first, then further back (buttons and typed
    messages from an older page still tell us where the chat started).
    """
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    if isinstance(metadata, dict) and metadata.get("page"):
        return str(metadata["page"])
    for event in reversed(tracker.events or []):
        if event.get("event") != "user":
            continue
        metadata = event.get("metadata") or {}
        if isinstance(metadata, dict) and metadata.get("page"):
            return str(metadata["page"])
    return ""


def from_shared_link(tracker: Tracker) -> bool:
    """The latest message came from a shared ?ask= link (the web app marks it), not from the resident."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return isinstance(metadata, dict) and metadata.get("from_link") is True


# The chat widget's own buttons, in the words it shows the resident (site/frontend/js/chat/dom.js).
WIDGET_BUTTONS = {"/not_helpful": "No, that didn't help"}


def transcript(tracker: Tracker) -> List[Dict[str, Any]]:
    """Everything said so far, oldest first, in the web API's transcript format. A pressed button reads as
    the words the resident saw on it, not its payload ("/not_helpful")."""
    lines: List[Dict[str, Any]] = []
    offered: Dict[str, str] = {}
    for event in tracker.events or []:
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        for button in (event.get("data") or {}).get("buttons") or []:
            if isinstance(button, dict) and button.get("payload") and button.get("title"):
                offered[str(button["payload"])] = str(button["title"])
        text = event.get("text")
        if not text:
            continue
        if kind == "user" and text.startswith("/"):
            title = offered.get(text) or WIDGET_BUTTONS.get(text)
            text = f"{title} (pressed a button)" if title else text
        lines.append(
            {
                "sender": kind,
                "text": text,
                "timestamp": float(event.get("timestamp") or 0.0),
            }
        )
    return lines


def user_events(tracker: Tracker) -> List[Dict[str, Any]]:
    """What the resident said, oldest first (the latest message is the last)."""
    return [event for event in tracker.events or [] if event.get("event") == "user"]


def intent_of(event: Dict[str, Any]) -> Dict[str, Any]:
    """{"name", "confidence"} of a user event's intent ({} if it has none)."""
    return (event.get("parse_data") or {}).get("intent") or {}


def last_intent(tracker: Tracker, skip: Iterable[str]) -> Optional[str]:
    """The intent of the resident's latest message whose intent is not in `skip`, or None."""
    for event in reversed(user_events(tracker)):
        name = intent_of(event).get("name")
        if name and name not in skip:
            return name
    return None


def conversation_topic(tracker: Tracker) -> str:
    """The last intent that names a topic (e.g. report_missed_bin), else "general"."""
    return last_intent(tracker, NON_TOPIC_INTENTS) or "general"


def best_intent_confidence(tracker: Tracker) -> float:
    """Confidence of the best real intent behind an nlu_fallback (for editors)."""
    message = tracker.latest_message or {}
    for ranked in message.get("intent_ranking") or []:
        if ranked.get("name") != "nlu_fallback":
            return round(float(ranked.get("confidence") or 0.0), 4)
    return round(float((message.get("intent") or {}).get("confidence") or 0.0), 4)


def phone_line(phones: Optional[Dict[str, Any]], default_main: str,
               default_out_of_hours: str) -> str:
    phones = phones or {}
    main = phones.get("main") or default_main
    out_of_hours = phones.get("out_of_hours") or default_out_of_hours
    return f"call us on {main} (out of hours: {out_of_hours})"


def service_update_lines(data: Dict[str, Any]) -> List[str]:
    """A disruption the web app says is on now for this page or postcode ("Service update: Garden waste collections
    suspended in Eastbrook. ..."), first, before the usual answer."""
    updates = [u for u in data.get("service_updates") or [] if isinstance(u, dict) and u.get("title")]
    return [f"Service update: {u['title']}. {str(u.get('details') or '').strip()}".strip() for u in updates]
