"""Bin collection day: the postcode form, its validation and the answer."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import config, contact, phrasing
from actions.api.cms import BadRequest, CmsError, NotFound, get_client
from actions.replies import link, links_message, service_update_lines

# A full UK postcode with the spaces removed, e.g. WM11AA, SW1A1AA, M11AE.
POSTCODE_COMPACT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
# The same, found inside a sentence ("my postcode is wm1 1aa").
POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b")

INVALID_POSTCODE_TEXT = (
    "That doesn't look like a postcode. Please type a postcode like WM1 1AA."
)
ASK_POSTCODE_TEXT = "What is your postcode? For example, WM1 1AA."
RESUME_TEXT = (
    "Do you still want your bin day? If so, type your postcode, for example WM1 1AA. "
    "If not, choose Stop."
)
DEFAULT_EXAMPLE = "WM1 1AA"


def with_council_example(text: str) -> str:
    """The text with one of the turn's council's own postcodes as the example (the default council's as written)."""
    example = contact.example_postcode()
    return text.replace(DEFAULT_EXAMPLE, example) if example else text
FORM_NAME = "bin_day_form"
# A page's intent this sure is a new question, not an answer to "What is your postcode?".
TOPIC_CHANGE_CONFIDENCE = 0.5
# Answers to the form's question, or messages the form's rules already handle ("thanks" and "bye" end the form,
# data/rules/bin_day.yml). Small talk is not a new question: the form does not ask "do you still want..." after it.
FORM_INTENTS = frozenset({
    "inform_postcode", "bin_collection_day", "greet", "thanks", "goodbye", "bot_challenge",
})
# Intents that say the classifier did not recognise a page: the message is still a new question when it is
# not an attempt at a postcode or an address (actions/respond.py then reads it with the pages' own words).
UNRECOGNISED = frozenset({"nlu_fallback", "out_of_scope"})
# What an attempt at a postcode or an address looks like: a digit ("WM1", "12 Brook Rd"), one short word
# ("wm11aa"), or a street word.
ADDRESS_WORDS = re.compile(
    r"\d|\b(?:road|rd|street|avenue|ave|lane|crescent|grove|gardens|terrace|flat|cottage|postcode|near|next to|"
    r"opposite)\b",
    re.IGNORECASE,
)
STOP_BUTTON = {"title": "Stop", "payload": "/stop"}


def normalise_postcode(value: Any) -> Optional[str]:
    """'wm1 1aa ' -> 'WM1 1AA'; None if the value is not a UK postcode."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    compact = re.sub(r"\s+", "", value).upper()
    if POSTCODE_COMPACT.match(compact):
        return f"{compact[:-3]} {compact[-3:]}"
    found = POSTCODE_IN_TEXT.search(value.upper())
    if found:
        return f"{found.group(1)} {found.group(2)}"
    return None


def looks_like_an_answer(text: str) -> bool:
    """Is the message an attempt at a postcode or an address (so a bad one is told what a postcode looks like)?
    A question or a need ("how do I apply for a permit for my street") is not, unless it has a number in it."""
    text = (text or "").strip()
    if len(text.split()) == 1 and len(text) <= 8:
        return True
    if re.search(r"\d", text):
        return True
    if phrasing.is_question(text) or phrasing.states_a_need(text):
        return False
    return bool(ADDRESS_WORDS.search(text))


def is_topic_change(tracker: Tracker) -> bool:
    """Is the latest message a question about something else (no postcode, no address in it)?"""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    name = intent.get("name")
    text = message.get("text") or ""
    if phrasing.dismisses(text):
        return True  # "forget the bins for now": the reply to it (actions/respond.py) stops the form
    if not name or name in FORM_INTENTS or text.startswith("/"):
        return False
    if normalise_postcode(text) is not None or looks_like_an_answer(text):
        return False
    if name in UNRECOGNISED:
        return True
    return float(intent.get("confidence") or 0.0) >= TOPIC_CHANGE_CONFIDENCE


def form_was_interrupted(tracker: Tracker) -> bool:
    """Did something other than the form answer the resident's latest message?"""
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user":
            return False
        if kind == "action_execution_rejected" and event.get("name") == FORM_NAME:
            return True
    return False


class ValidateBinDayForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_bin_day_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        # A new question in the middle of the form ("hang on, how do I book a bulky
        # collection?") is not a bad postcode: reject the form so the rules answer the
        # question; Rasa then returns to the form, which asks whether to carry on.
        if tracker.get_slot("requested_slot") == "postcode" and is_topic_change(tracker):
            if form_was_interrupted(tracker):
                # Back in the form after answering that question: the message is
                # still the question, not a postcode: empty the slot so the form asks again.
                return [SlotSet("postcode", None)]
            return [ActionExecutionRejected(FORM_NAME)]
        return await super().run(dispatcher, tracker, domain)

    def validate_postcode(self, slot_value: Any, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        postcode = normalise_postcode(slot_value)
        # An invalid postcode empties the slot; action_ask_postcode then re-prompts.
        return {"postcode": postcode}


class ActionAskPostcode(Action):
    """Ask for the postcode; after a rejected answer, say what a postcode looks like."""

    def name(self) -> Text:
        return "action_ask_postcode"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # requested_slot is only already "postcode" if we asked before and either
        # another question came in between or the answer did not validate.
        if form_was_interrupted(tracker):
            dispatcher.utter_message(text=with_council_example(RESUME_TEXT), buttons=[dict(STOP_BUTTON)])
        elif tracker.get_slot("requested_slot") == "postcode":
            dispatcher.utter_message(text=with_council_example(INVALID_POSTCODE_TEXT), buttons=[dict(STOP_BUTTON)])
        else:
            dispatcher.utter_message(text=with_council_example(ASK_POSTCODE_TEXT), buttons=[dict(STOP_BUTTON)])
        return []


def _collection_lines(collections: List[Dict[str, Any]]) -> List[str]:
    lines = []
    for item in collections:
        line = f"- {item.get('bin', 'Bin')}: {item.get('day', 'see the website')}"
        next_date = _nice_date(item.get("next_date"))
        if next_date:
            line += f" (next collection {next_date})"
        lines.append(line)
    return lines


def _addresses(addresses: Any, shown: int = 3) -> str:
    """'1 Brook Road, 3 Brook Road, 5 Brook Road and 3 more'."""
    names = [a.get("address") for a in addresses or [] if isinstance(a, dict) and a.get("address")]
    if not names:
        return "Some addresses"
    if len(names) <= shown + 1:
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"


def _nice_date(value: Any) -> Optional[str]:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return None
    return f"{day:%A} {day.day} {day:%B %Y}"


class ActionBinDay(Action):
    """Tell the resident their collection days for the postcode in the form."""

    def name(self) -> Text:
        return "action_bin_day"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        postcode = normalise_postcode(tracker.get_slot("postcode"))
        # The bin day page as the release found it: the web API's answer gives its address when it can.
        page_url = contact.bin_day_url()  # "" when the turn's council has no such page: never another council's
        page_link = link(config.FALLBACK_BIN_DAY_TITLE, page_url)
        more = f"\nFind out more: {page_url}" if page_url else ""
        reset = [SlotSet("postcode", None)]

        if not postcode:
            dispatcher.utter_message(
                text=f"{with_council_example(INVALID_POSTCODE_TEXT)}{more}",
                json_message=links_message([page_link]),
            )
            return reset

        try:
            data = get_client().bin_day(postcode)
        except NotFound as error:
            if error.body.get("error") == "no_addresses":
                text = (f"I can't find any addresses at {postcode}. Please check the postcode, or "
                        f"look up your address on our website.{more}")
            else:
                # The web API names the resident's council; an older one does not
                council = error.body.get("council") or "Westmere District Council"
                text = (f"{postcode} is not in the {council} area, so we "
                        "don't collect bins there. Your own council can tell you your "
                        f"collection day.{more}")
            dispatcher.utter_message(text=text, json_message=links_message([page_link]))
            return reset
        except BadRequest:
            dispatcher.utter_message(
                text=f"{with_council_example(INVALID_POSTCODE_TEXT)}{more}",
                json_message=links_message([page_link]),
            )
            return reset
        except CmsError:
            dispatcher.utter_message(
                text=(
                    "Sorry, I can't look up collection days just now. "
                    + (f"You can check on our website: {page_url}\nOr call us on " if page_url else "Call us on ")
                    + f"{contact.phone(ask=False)}."
                ),
                json_message=links_message([page_link]),
            )
            return reset

        # The page with this postcode's addresses listed (lookup_url), or the page itself.
        url = data.get("lookup_url") or data.get("url") or page_url
        shown = data.get("postcode") or postcode
        collections = [c for c in data.get("collections") or [] if isinstance(c, dict)]
        rounds = [r for r in data.get("rounds") or [] if isinstance(r, dict)]
        if len(rounds) > 1:
            # The postcode's addresses are on different rounds: never one day for all of them.
            lines = [f"Bin collection days at {shown} depend on your address."]
            for round_ in rounds:
                lines.append(f"{_addresses(round_.get('addresses'))}: {round_.get('day') or 'see the website'}")
                lines.extend(_collection_lines(
                    [c for c in round_.get("collections") or [] if isinstance(c, dict)]))
            lines.append(f"Pick your address on our website: {url}" if url
                         else f"Call us on {contact.phone()} if you are not sure which is yours.")
        elif not collections:
            lines = [f"I couldn't find any collections for {shown}."]
            lines += [f"Find out more: {url}"] if url else []
        else:
            lines = [f"Bin collections for {shown}:"] + _collection_lines(collections)
            lines += ([f"Find out more, add your bin days to your phone's calendar or get an email reminder: {url}"]
                      if url else [])
        lines = service_update_lines(data) + lines
        dispatcher.utter_message(
            text="\n".join(lines), json_message=links_message([link(config.FALLBACK_BIN_DAY_TITLE, url)])
        )
        # Keep the postcode for the rest of the conversation: the next bin question
        # ("and when is it next week?") is answered without asking again.
        return [SlotSet("postcode", shown)]
