"""The reply to a message about the council's services: read it (actions/understand.py), then answer one page,
offer a choice, or say it was not understood.

Rasa's rules send every page's intent here (action_answer_from_cms), and every message the classifier is
unsure of or calls out of scope (action_search_fallback): the classifier's guess is one opinion, the pages'
own words and the conversation's topic the others.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Dict, List, Optional, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context, phrasing
from actions.answers import answer_page, back_to_the_form
from actions.api.cms import get_client
from actions.fallback import UNSURE_OPENINGS, at_risk, offer_choice, record_unanswered, search_site, utter_unsure
from actions.knowledge import KnowledgeIndex, get_knowledge
from actions.replies import NON_TOPIC_INTENTS, from_shared_link, latest_text, user_events
from actions.transcripts import record_transcript
from actions.understand import Message, Reading, read

logger = logging.getLogger(__name__)

# The bot's own intents: never a page.
OWN_INTENTS = NON_TOPIC_INTENTS | {
    "nlu_fallback", "out_of_scope", "inform_postcode", "dont_know_postcode", "risk_of_harm",
}
# Pages the bot answers with a form of its own (the web API lists them with kind "form"), by intent.
OWN_FORMS = {"bin_collection_day": "bin_day_form"}
UNSURE_ACTION = "action_search_fallback"


def message_of(tracker: Tracker, search: Callable[[], Sequence[str]] = lambda: (),
               trained: frozenset = frozenset()) -> Message:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    ranking = [
        (str(item.get("name")), float(item.get("confidence") or 0.0))
        for item in latest.get("intent_ranking") or []
        if item.get("name") and item.get("name") not in OWN_INTENTS
    ]
    active_form = (tracker.active_loop or {}).get("name")
    return Message(
        excluded=frozenset(key for key, form in OWN_FORMS.items() if form == active_form),
        text=latest_text(tracker), intent=str(intent.get("name") or ""),
        confidence=float(intent.get("confidence") or 0.0), ranking=ranking, search=search, trained=trained,
    )


def reading_of(tracker: Tracker, index: KnowledgeIndex, search: Callable[[], Sequence[str]] = lambda: (),
               trained: frozenset = frozenset()) -> Reading:
    message = message_of(tracker, search, trained)
    text = message.text.strip()
    if text.startswith("/") and message.intent and message.intent not in OWN_INTENTS:
        return Reading("answer", [message.intent], how="button")  # a "Did you mean" or greeting button
    conversation = context.Context() if from_shared_link(tracker) else context.current(tracker)
    if not index.keys:
        # The pages' words are not known (the web app is down or has no pages): the classifier alone.
        key, confidence = message.top
        if key and message.intent == key:
            return Reading("answer", [key], how="classifier")
        return Reading("outside" if message.intent == "out_of_scope" else "unsure", how="no index")
    return read(message, conversation, index)


def respond(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
    if phrasing.dismisses(latest_text(tracker)):
        return stop(dispatcher, tracker)
    client = get_client()
    index = get_knowledge().index(client)
    searched = SiteSearch(tracker, client)
    reading = reading_of(tracker, index, lambda: searched.keys(index), frozenset(_intents(domain)))
    rephrasing = not_understood_before(tracker)
    if rephrasing:
        # The resident asked again in other words after "not sure I understood": editors read these.
        record_transcript(tracker, "rephrased")
    logger.info("Read %r as %s %s (%s)", latest_text(tracker)[:80], reading.kind, reading.keys, reading.how)
    if reading.kind == "answer" and reading.key in OWN_FORMS:
        return [FollowupAction(OWN_FORMS[reading.key])]  # the form asks its question
    if reading.kind == "answer" and reading.key:
        statement = what_the_page_says(reading, tracker, index)
        return answer_page(dispatcher, tracker, reading.key, how=reading.how, also=reading.also, statement=statement)

    results = searched.results()
    record_unanswered(tracker, client, intent="choice" if reading.kind == "choose" else "nlu_fallback")
    if at_risk(tracker):
        dispatcher.utter_message(response="utter_risk_of_harm")
        return []
    if reading.kind == "outside":
        dispatcher.utter_message(response="utter_out_of_scope")
        return back_to_the_form(tracker)
    if reading.kind == "choose" and reading.keys:
        guesses = _guesses(reading.keys, index, _intents(domain))
        offer_choice(dispatcher, guesses, results)
        # The pages offered are what a follow-up is about, until the resident picks one.
        return context.remember(reading.keys[0], reading.keys) + back_to_the_form(tracker)
    if rephrasing:
        # Not understood twice in a row: a person, rather than more of the same.
        return [FollowupAction("action_handoff")]
    utter_unsure(dispatcher, tracker, results)
    return back_to_the_form(tracker)


def what_the_page_says(reading: Reading, tracker: Tracker, index: KnowledgeIndex) -> Optional[str]:
    """A question about the page the conversation is on gets what the page says about it ("do you empty it in
    winter?", "is there a fee for paying by card?", "and for a second car?"), not its answer again; asking for
    the page itself again ("how do I pay my council tax") gets its answer."""
    if reading.how in ("follow-up", "variant") or (
            reading.how == "classifier in context" and reading.key == context.current(tracker).topic):
        return index.said_on_page(reading.key, latest_text(tracker))
    return None


def stop(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """ "forget the bins for now": the form waiting for an answer stops, as with the Stop button."""
    dispatcher.utter_message(response="utter_stopped")
    if not (tracker.active_loop or {}).get("name"):
        return []
    asked = tracker.get_slot("requested_slot")
    # The form had taken the words as its answer before stepping aside: they are not one.
    cleared = [SlotSet(asked, None)] if asked else []
    return [ActiveLoop(None), SlotSet("requested_slot", None), *cleared]


class SiteSearch:
    """The site search's results for the latest message, asked at most once per turn."""

    def __init__(self, tracker: Tracker, client: Any) -> None:
        self.tracker, self.client = tracker, client
        self._results: Optional[List[Dict[str, Any]]] = None

    def results(self) -> List[Dict[str, Any]]:
        if self._results is None:
            self._results = search_site(self.tracker, self.client)
        return self._results

    def keys(self, index: KnowledgeIndex) -> List[str]:
        by_url = {page.url: key for key, page in index.pages.items()}
        return [by_url[result["url"]] for result in self.results() if result.get("url") in by_url]


def _intents(domain: Dict[Text, Any]) -> set:
    return {name if isinstance(name, str) else next(iter(name)) for name in (domain or {}).get("intents") or []}


def _guesses(keys: List[str], index: KnowledgeIndex, intents: set) -> List[Dict[str, str]]:
    """Buttons for the pages: "/key" asks a trained page's intent; a page taught since is asked by its title."""
    guesses = []
    for key in keys:
        page = index.get(key)
        if page is None:
            continue
        payload = f"/{key}" if key in intents else page.title
        guesses.append({"key": key, "title": page.title, "url": page.url, "payload": payload})
    return guesses


def not_understood_before(tracker: Tracker) -> bool:
    """Was the resident's previous message one the assistant did not understand (an "unsure" reply)?"""
    previous = user_events(tracker)[:-1]
    if not previous:
        return False
    seen_user = False
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
            continue
        if seen_user and event.get("event") == "bot":
            return _is_unsure_text(event.get("text") or "")
    return False


def _is_unsure_text(text: str) -> bool:
    return text.startswith(UNSURE_OPENINGS)


class ActionAnswerFromCms(Action):
    """A page's intent: answered from that page, unless the pages' words or the conversation say otherwise."""

    def name(self) -> Text:
        return "action_answer_from_cms"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return respond(dispatcher, tracker, domain)


class ActionSearchFallback(Action):
    """A message the classifier is unsure of, or calls out of scope: the pages' words and the conversation
    may still know it; if not, "Did you mean", search results and a person."""

    def name(self) -> Text:
        return UNSURE_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return respond(dispatcher, tracker, domain)



class ActionCheckBinDay(Action):
    """Rasa's rule sends a bin day question here before the bin day form. The classifier can be sure of the
    bin day for a message about a bin ("the bin men went straight past my house": a missed bin); when the
    pages' words and meaning read it as another page, that page is answered and the form is not started.
    Otherwise nothing is said and the rule starts the form."""

    def name(self) -> Text:
        return "action_check_bin_day"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        client = get_client()
        index = get_knowledge().index(client)
        reading = reading_of(tracker, index, trained=frozenset(_intents(domain)))
        if reading.kind != "answer" or not reading.key or reading.key in OWN_FORMS or reading.key not in index:
            return []
        logger.info("Read bin day question %r as %s (%s)", latest_text(tracker)[:80], reading.key, reading.how)
        # The rule would start the form next: listen instead.
        return answer_page(dispatcher, tracker, reading.key, how=reading.how) + [FollowupAction("action_listen")]
