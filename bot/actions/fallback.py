"""NLU fallback: "Did you mean" the pages the classifier half-recognised, search results, and a person."""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Text
from urllib.parse import quote_plus

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api.cms import CmsError, get_client
from actions.pages import SEARCH_PATH, PageCache, get_cache
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
# "Did you mean": pages whose intent the classifier gave some confidence, although not enough to answer
# (below the FallbackClassifier's threshold, or too close to another page), best first. A weak guess
# needs the site search to find the same page ("rats in my garden" is not "business rates").
DID_YOU_MEAN_MIN = 0.35
DID_YOU_MEAN_ALONE = 0.5
MAX_GUESSES = 2

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


def known_page(cache: PageCache, client: Any, key: str) -> Dict[str, str] | None:
    """The page a content intent answers with ({"title", "url", "kind"}), or None for the bot's own intents."""
    page = cache.get(key)
    if page is None and cache.needs_refresh():
        try:
            cache.replace_all({item["key"]: item for item in client.pages() if item.get("key")})
        except CmsError:
            return None
        page = cache.get(key)
    return page


def likely_pages(tracker: Tracker, client: Any, found_urls: frozenset = frozenset()) -> List[Dict[str, str]]:
    """Up to MAX_GUESSES pages the message may be about: {"key", "title", "url"}, best first.

    found_urls: the pages the site search found for the same words.
    """
    guesses: List[Dict[str, str]] = []
    cache = get_cache()
    for item in tracker.latest_message.get("intent_ranking") or []:
        name, confidence = item.get("name"), item.get("confidence") or 0.0
        if name == "nlu_fallback":
            continue
        if confidence < DID_YOU_MEAN_MIN or len(guesses) == MAX_GUESSES:
            break
        page = known_page(cache, client, name)
        if not page or not page.get("title"):
            continue
        if confidence >= DID_YOU_MEAN_ALONE or page.get("url") in found_urls:
            guesses.append({"key": name, "title": page["title"], "url": page["url"]})
    return guesses


class ActionSearchFallback(Action):
    """Offer "Did you mean" buttons for the pages it half-recognised, the top search results as links,
    and a person; log the question.

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

        guesses = likely_pages(tracker, client, frozenset(result["url"] for result in results))
        if guesses:
            _utter_did_you_mean(dispatcher, guesses, results)
            return []

        buttons = [dict(TALK_TO_A_PERSON)]
        if results:
            # The person comes before the list: the chat widget shows the list as links under the text.
            lines = ["Sorry, I'm not sure I understood. These pages might help, or you can talk to a person:"]
            links = []
            for result in results[:MAX_RESULTS]:
                title = result.get("title") or result["url"]
                lines.append(f"- {title}: {result['url']}")
                links.append(link(title, result["url"]))
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


def _utter_did_you_mean(dispatcher: CollectingDispatcher, guesses: List[Dict[str, str]],
                        results: List[Dict[str, Any]]) -> None:
    """The guesses first, each a button whose payload asks its intent directly (Rasa's "/intent"), so one
    press gets that page's answer; then other search results as links, and a person."""
    dispatcher.utter_message(
        text="Sorry, I'm not sure I understood. Did you mean one of these?",
        buttons=[{"title": guess["title"], "payload": f"/{guess['key']}"} for guess in guesses],
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
