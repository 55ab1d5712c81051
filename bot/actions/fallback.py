"""NLU fallback: search the website for the resident's words and offer a person."""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Text
from urllib.parse import quote_plus

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api.cms import CmsError, get_client
from actions.pages import SEARCH_PATH
from actions.replies import (
    TALK_TO_A_PERSON,
    best_intent_confidence,
    latest_text,
    link,
    links_message,
    page_url,
)

logger = logging.getLogger(__name__)

MAX_RESULTS = 3

# Safety net: words that mean someone may be at risk. If the classifier was unsure
# (so we are in the fallback) but the message says any of these, answer with the
# risk-of-harm response (999, phone numbers, a person) instead of search results.
RISK_OF_HARM = re.compile(
    r"\b(suicid\w*|kill(ing)? (my ?self|me)|end(ing)? (it all|my life)|"
    r"take my (own )?life|hurt(ing)? (my ?self|me)|self[- ]?harm\w*|harm(ing)? myself|"
    r"abus(e|ed|er|ive|ing)|violen(t|ce)|threat(en|ening|ened|ens)?|"
    r"(beat|beats|beating|hit|hits|hitting) me|in danger|not safe|unsafe|"
    r"(want|wanna|going) to die|wish i (was|were) dead|better off dead|"
    r"no reason to live|(don't|do not) want to live|can'?t go on|stalk\w*|"
    r"cut(ting)? myself|assault\w*|attacked)\b",
    re.IGNORECASE,
)


class ActionSearchFallback(Action):
    """Offer the top search results as links, log the question, offer a person.

    A message that sounds like someone is at risk gets utter_risk_of_harm instead.
    """

    def name(self) -> Text:
        return "action_search_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = latest_text(tracker).strip()
        client = get_client()

        results: List[Dict[str, Any]] = []
        if text:
            try:
                results = client.search(text, limit=MAX_RESULTS)
            except CmsError:
                results = []
            try:
                client.unanswered(
                    {
                        "sender_id": tracker.sender_id,
                        "text": text,
                        "intent": "nlu_fallback",
                        "confidence": best_intent_confidence(tracker),
                        "page_url": page_url(tracker),
                    }
                )
            except CmsError:
                logger.warning("Could not record the unanswered question")

        if RISK_OF_HARM.search(text):
            dispatcher.utter_message(response="utter_risk_of_harm")
            return []

        buttons = [dict(TALK_TO_A_PERSON)]
        if results:
            lines = ["Sorry, I'm not sure I understood. These pages might help:"]
            links = []
            for result in results[:MAX_RESULTS]:
                title = result.get("title") or result["url"]
                lines.append(f"- {title}: {result['url']}")
                links.append(link(title, result["url"]))
            lines.append("Or you can talk to a person.")
            dispatcher.utter_message(
                text="\n".join(lines), buttons=buttons, json_message=links_message(links)
            )
        else:
            search_url = f"{SEARCH_PATH}?q={quote_plus(text)}" if text else SEARCH_PATH
            dispatcher.utter_message(
                text=(
                    "Sorry, I didn't understand that. Try asking in a different way, "
                    f"or search our website: {search_url}\nOr you can talk to a person."
                ),
                buttons=buttons,
                json_message=links_message([link("Search the website", search_url)]),
            )
        return []
