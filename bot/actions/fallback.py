"""When the assistant is not sure: "Did you mean" buttons for the likely pages, search results, and a person.

actions/respond.py decides when (actions/understand.py); this module says it, records the question for
editors, and keeps the safety net for messages that sound like someone is at risk."""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api.cms import CmsError, get_client
from actions import pages
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
# How a reply that did not understand starts (a second one in a row hands over to a person).
UNSURE_OPENINGS = ("Sorry, I'm not sure I understood.", "Sorry, I didn't understand that.")

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


def search_site(tracker: Tracker, client: Any) -> List[Dict[str, Any]]:
    """The site search's top results for the message."""
    text = latest_text(tracker).strip()
    if not text:
        return []
    try:
        return client.search(text, limit=MAX_RESULTS)
    except CmsError:
        return []


def record_unanswered(tracker: Tracker, client: Any, intent: str = "nlu_fallback") -> None:
    """The message goes to editors as a question the assistant could not answer (or only with a choice)."""
    text = latest_text(tracker).strip()
    if not text:
        return
    try:
        client.unanswered(
            {
                "sender_id": tracker.sender_id,
                "text": text,
                "intent": intent,
                "confidence": best_intent_confidence(tracker),
                "page_url": page_url(tracker),
            }
        )
    except CmsError:
        logger.warning("Could not record the unanswered question")


def at_risk(tracker: Tracker) -> bool:
    return bool(RISK_OF_HARM.search(latest_text(tracker)))


def offer_choice(dispatcher: CollectingDispatcher, guesses: List[Dict[str, str]],
                 results: List[Dict[str, Any]]) -> None:
    """A weak or disputed guess: ask with a button for each likely page ({"key", "title", "url"})."""
    _utter_did_you_mean(dispatcher, guesses, results)


def utter_unsure(dispatcher: CollectingDispatcher, tracker: Tracker, results: List[Dict[str, Any]]) -> None:
    """Nothing fits: the site search's results as links, and a person."""
    text = latest_text(tracker).strip()
    buttons = [dict(TALK_TO_A_PERSON)]
    if results:
        # The person comes before the list: the chat widget shows the list as links under the text.
        lines = [UNSURE_OPENINGS[0] + " These pages might help, or you can talk to a person:"]
        links = []
        for result in results[:MAX_RESULTS]:
            title = result.get("title") or result["url"]
            lines.append(f"- {title}: {result['url']}")
            links.append(link(title, result["url"]))
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons, json_message=links_message(links))
    else:
        search_url = pages.search_url(text)
        dispatcher.utter_message(
            text=(
                UNSURE_OPENINGS[1] + " Try asking in a different way, "
                f"or search our website: {search_url}\nOr you can talk to a person."
            ),
            buttons=buttons,
            json_message=links_message([link("Search the website", search_url)]),
        )


def _utter_did_you_mean(dispatcher: CollectingDispatcher, guesses: List[Dict[str, str]],
                        results: List[Dict[str, Any]]) -> None:
    """The guesses first, each a button whose payload asks its intent directly (Rasa's "/intent"), so one
    press gets that page's answer; then other search results as links, and a person."""
    dispatcher.utter_message(
        text="I want to be sure I send you to the right page. Did you mean one of these?",
        buttons=[{"title": guess["title"], "payload": guess.get("payload") or f"/{guess['key']}"} for guess in guesses],
    )
    guessed = {guess["url"] for guess in guesses}
    others = [result for result in results if result.get("url") and result["url"] not in guessed]
    lines, links = ["Or you can talk to a person."], []
    if others:
        lines = ["These pages might also help, or you can talk to a person:"]
        for result in others[:MAX_RESULTS]:
            title = result.get("title") or result["url"]
            lines.append(f"- {title}: {result['url']}")
            links.append(link(title, result["url"]))
    dispatcher.utter_message(text="\n".join(lines), buttons=[dict(TALK_TO_A_PERSON)],
                             json_message=links_message(links))
