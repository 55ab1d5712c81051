"""Bin collection day: the postcode form, its validation and the answer."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import config
from actions.api.cms import BadRequest, CmsError, NotFound, get_client
from actions.pages import BIN_DAY_PATH, BIN_DAY_TITLE
from actions.replies import link, links_message

# A full UK postcode with the spaces removed, e.g. WM11AA, SW1A1AA, M11AE.
POSTCODE_COMPACT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
# The same, found inside a sentence ("my postcode is wm1 1aa").
POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b")

INVALID_POSTCODE_TEXT = (
    "That doesn't look like a postcode. Please type a postcode like WM1 1AA."
)
ASK_POSTCODE_TEXT = "What is your postcode? For example, WM1 1AA."
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


class ValidateBinDayForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_bin_day_form"

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
        # requested_slot is only already "postcode" if we asked before and the
        # answer did not validate.
        if tracker.get_slot("requested_slot") == "postcode":
            dispatcher.utter_message(text=INVALID_POSTCODE_TEXT, buttons=[dict(STOP_BUTTON)])
        else:
            dispatcher.utter_message(text=ASK_POSTCODE_TEXT, buttons=[dict(STOP_BUTTON)])
        return []


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
        page_link = link(BIN_DAY_TITLE, BIN_DAY_PATH)
        reset = [SlotSet("postcode", None)]

        if not postcode:
            dispatcher.utter_message(
                text=f"{INVALID_POSTCODE_TEXT}\nFind out more: {BIN_DAY_PATH}",
                json_message=links_message([page_link]),
            )
            return reset

        try:
            data = get_client().bin_day(postcode)
        except NotFound:
            dispatcher.utter_message(
                text=(
                    f"{postcode} is not in the Westmere District Council area, so we "
                    "don't collect bins there. Your own council can tell you your "
                    f"collection day.\nFind out more: {BIN_DAY_PATH}"
                ),
                json_message=links_message([page_link]),
            )
            return reset
        except BadRequest:
            dispatcher.utter_message(
                text=f"{INVALID_POSTCODE_TEXT}\nFind out more: {BIN_DAY_PATH}",
                json_message=links_message([page_link]),
            )
            return reset
        except CmsError:
            dispatcher.utter_message(
                text=(
                    "Sorry, I can't look up collection days just now. You can check on "
                    f"our website: {BIN_DAY_PATH}\nOr call us on {config.FALLBACK_PHONE}."
                ),
                json_message=links_message([page_link]),
            )
            return reset

        url = data.get("url") or BIN_DAY_PATH
        shown = data.get("postcode") or postcode
        collections = [c for c in data.get("collections") or [] if isinstance(c, dict)]
        if not collections:
            lines = [f"I couldn't find any collections for {shown}."]
        else:
            lines = [f"Bin collections for {shown}:"]
            for item in collections:
                line = f"- {item.get('bin', 'Bin')}: {item.get('day', 'see the website')}"
                next_date = _nice_date(item.get("next_date"))
                if next_date:
                    line += f" (next collection {next_date})"
                lines.append(line)
        lines.append(f"Find out more: {url}")
        dispatcher.utter_message(
            text="\n".join(lines), json_message=links_message([link(BIN_DAY_TITLE, url)])
        )
        return reset
