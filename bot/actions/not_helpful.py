"""The resident says the last answer did not help: say sorry, offer a search and a person, and pass
the question that got the wrong answer to editors (it joins the unanswered questions they teach from).
With no earlier question, the message is handled as one the assistant did not understand. The conversation
is kept for editors to read (actions.transcripts, reason "said_no")."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api.cms import CmsError, get_client
from actions.respond import ActionSearchFallback
from actions import pages
from actions.replies import (
    NON_TOPIC_INTENTS,
    TALK_TO_A_PERSON,
    intent_of,
    latest_text,
    link,
    links_message,
    page_url,
    user_events,
)
from actions.transcripts import record_transcript

logger = logging.getLogger(__name__)

# What the web API's unanswered question records as its intent: "not_helpful:<what the bot thought>".
NOT_HELPFUL_PREFIX = "not_helpful:"
NOT_A_QUESTION = NON_TOPIC_INTENTS | {"inform_postcode", "dont_know_postcode"}


def previous_question(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The resident's last question before this message: {"text", "intent", "confidence"}, or None.

    Button presses ("/report_missed_bin") are not questions an editor can teach from, so they are skipped.
    """
    for event in reversed(user_events(tracker)[:-1]):  # the last one is "that didn't help" itself
        text = (event.get("text") or "").strip()
        intent = intent_of(event)
        if not text or text.startswith("/") or intent.get("name") in NOT_A_QUESTION:
            continue
        return {"text": text, "intent": intent.get("name") or "", "confidence": intent.get("confidence")}
    return None


def asked_before(tracker: Tracker) -> bool:
    """Whether the resident said anything but hello before this message."""
    return any(intent_of(event).get("name") != "greet" for event in user_events(tracker)[:-1])


class ActionNotHelpful(Action):
    def name(self) -> Text:
        return "action_not_helpful"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not asked_before(tracker) and not latest_text(tracker).startswith("/"):
            # Nothing was answered yet, so "wrong" was about something else ("my house is in the wrong
            # band"): treat the message as a question the assistant did not understand.
            return ActionSearchFallback().run(dispatcher, tracker, domain)
        question = previous_question(tracker)
        if question:
            try:
                get_client().unanswered(
                    {
                        "sender_id": tracker.sender_id,
                        "text": question["text"],
                        "intent": NOT_HELPFUL_PREFIX + question["intent"],
                        "confidence": question["confidence"],
                        "page_url": page_url(tracker),
                    }
                )
            except CmsError:
                logger.warning("Could not record the question whose answer did not help")
            # The conversation itself, for editors to read; only when the resident had typed a question (the
            # page's "Did this answer help?" figures already count answers to buttons).
            record_transcript(tracker, "said_no")
        search_url = pages.search_url(question["text"] if question else "")
        passed_on = " I've passed your question to our web team so they can improve my answers." if question else ""
        dispatcher.utter_message(
            text=f"Sorry that didn't help.{passed_on} You could ask in a different way, search our website, "
                 "or talk to a person.",
            buttons=[dict(TALK_TO_A_PERSON)],
            json_message=links_message([link("Search the website", search_url)]),
        )
        return []
