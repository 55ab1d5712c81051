"""Answers to the common questions, fetched from the CMS through the web API."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text
from urllib.parse import quote_plus

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import config
from actions.api.cms import CmsError, NotFound, get_client
from actions.intents import SEARCH_PATH, START_NOW_KINDS, Page, page_for_intent
from actions.replies import TALK_TO_A_PERSON, link, links_message, phone_line

logger = logging.getLogger(__name__)


class ActionAnswerFromCms(Action):
    """Answer a task question: short answer, link to the page, and "Start now"."""

    def name(self) -> Text:
        return "action_answer_from_cms"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        intent = tracker.get_intent_of_latest_message()
        page = page_for_intent(intent)
        if page is None:
            logger.warning("No catalogue page mapped for intent %r", intent)
            dispatcher.utter_message(
                text=(
                    "Sorry, I can't answer that here. Search our website: "
                    f"{SEARCH_PATH}\nOr call us on {config.FALLBACK_PHONE}."
                ),
                json_message=links_message([link("Search the website", SEARCH_PATH)]),
            )
            return []

        try:
            data = get_client().answer(page.path)
        except NotFound:
            logger.warning("CMS has no page at %s (intent %s)", page.path, intent)
            _utter_not_found(dispatcher, page)
            return []
        except CmsError:
            _utter_unavailable(dispatcher, page)
            return []

        _utter_answer(dispatcher, page, data)
        return []


def _utter_answer(dispatcher: CollectingDispatcher, page: Page, data: Dict[str, Any]) -> None:
    title = data.get("title") or page.title
    url = data.get("url") or data.get("path") or page.path
    answer = (data.get("answer") or data.get("summary") or "").strip()
    kind = data.get("kind") or page.kind
    if page.kind == "urgent":
        kind = "urgent"
    start_url = data.get("start_url")
    signpost = data.get("signpost") or None

    lines: List[str] = []
    links = [link(title, url)]
    buttons: List[Dict[str, str]] = []

    if kind == "urgent":
        # Phone numbers first (unless the answer itself starts with them), then
        # the answer, then the offer of a person.
        phones = data.get("phones") or {}
        main_phone = phones.get("main") or config.FALLBACK_PHONE
        if main_phone not in answer:
            lines.append(
                "If you need help today, "
                + phone_line(phones, config.FALLBACK_PHONE,
                             config.FALLBACK_OUT_OF_HOURS_PHONE)
                + "."
            )
        buttons.append(dict(TALK_TO_A_PERSON))
    if answer:
        lines.append(answer)
    if signpost and signpost.get("url"):
        organisation = signpost.get("organisation") or "Another organisation"
        lines.append(f"{organisation} deals with this: {signpost['url']}")
        links.append(link(organisation, signpost["url"]))
    if start_url and (kind in START_NOW_KINDS or page.has_online_form):
        lines.append(f"Start now: {start_url}")
        links.append(link("Start now", start_url))
    if kind == "urgent":
        lines.append("You can also talk to a person here.")
    lines.append(f"Find out more: {url}")

    dispatcher.utter_message(
        text="\n".join(lines),
        buttons=buttons or None,
        json_message=links_message(links),
    )


def _utter_unavailable(dispatcher: CollectingDispatcher, page: Page) -> None:
    """The web API is down: still give the page and the phone number."""
    phone = config.FALLBACK_PHONE
    if page.kind == "urgent":
        text = (
            f"If you need help today, call us on {phone} "
            f"(out of hours: {config.FALLBACK_OUT_OF_HOURS_PHONE}).\n"
            f"Find out more: {page.path}"
        )
    else:
        text = (
            f"Sorry, I can't fetch the answer just now. Our '{page.title}' page has the "
            f"details: {page.path}\nOr call us on {phone}."
        )
    dispatcher.utter_message(
        text=text,
        buttons=[dict(TALK_TO_A_PERSON)] if page.kind == "urgent" else None,
        json_message=links_message([link(page.title, page.path)]),
    )


def _utter_not_found(dispatcher: CollectingDispatcher, page: Page) -> None:
    search_url = f"{SEARCH_PATH}?q={quote_plus(page.title)}"
    dispatcher.utter_message(
        text=(
            f"Sorry, I can't find that page just now. Try searching our website: "
            f"{search_url}\nOr call us on {config.FALLBACK_PHONE}."
        ),
        json_message=links_message([link(f"Search for '{page.title}'", search_url)]),
    )
