"""Answers to the common questions, fetched from the CMS through the web API.

A content intent is named after its page's stable chat key (``manage.py export_assistant_data``), so
the action asks the web API for that key: no table of pages here. Pages seen before are remembered
(actions/pages.py) so the bot can still link them when the web app is down.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text
from urllib.parse import urlencode

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions import config, context
from actions.api.cms import CmsClient, CmsError, NotFound, get_client
from actions import contact, pages
from actions.pages import START_NOW_KINDS, get_cache
from actions.replies import TALK_TO_A_PERSON, link, links_message, phone_line, service_update_lines

logger = logging.getLogger(__name__)


def answer_page(dispatcher: CollectingDispatcher, tracker: Tracker, key: str, how: str = "",
                also: Optional[str] = None, statement: Optional[str] = None) -> List[Dict[Text, Any]]:
    """Answer with the page that has this key, and make it the conversation's topic.

    how: "detail" or "story" when the message adds to the task the conversation is about (the reply says
    where to tell us); also: the key of a second subject in the same message, linked after the answer;
    statement: what the page says about a follow-up (knowledge.said_on_page), given instead of its answer."""
    client = get_client()
    try:
        data = client.answer(key)
    except NotFound:
        logger.warning("The CMS has no chat page with the key %r", key)
        _utter_not_found(dispatcher, tracker.latest_message.get("text") or "")
        return []
    except CmsError:
        _utter_unavailable(dispatcher, get_cache().get(key))
        return []

    _remember(client, key, data)
    said = (tracker.latest_message or {}).get("text") or ""
    if how == "story" and data.get("start_url"):
        # The form starts with what the resident just told us, for them to check (casework.intake.drafts).
        data = {**data, "start_url": f"{data['start_url']}?{urlencode({'details': said[:MAX_DETAILS]})}"}
    elif data.get("start_url") and words_only(said):
        # The form picks the choice the resident named ("my recycling was missed": which bin), for them to check
        data = {**data, "start_url": f"{data['start_url']}?{urlencode({'said': words_only(said)})}"}
    second = _second_answer(client, also) if also and also != key else None
    lead = LEADS.get(how, "")
    if statement:
        data, lead = {**data, "answer": statement}, SAYS
    _utter_answer(dispatcher, data, key, lead=lead, second=second)
    task = key if data.get("kind") in START_NOW_KINDS else None
    topic_events = context.remember(key, [second["key"]] if second else [], task=task)
    return topic_events + back_to_the_form(tracker)


MAX_DETAILS = 1000  # the form keeps no more (casework.intake.drafts.MAX_DETAILS)
MAX_SAID = 200
NOT_A_WORD = re.compile(r"[^a-z' ]+")


def words_only(text: str) -> str:
    """The resident's words without numbers, email addresses or signs, for a link (no phone number, house number
    or postcode in a URL), or "" for a button's payload ("/report_missed_bin")."""
    if text.startswith("/"):
        return ""
    words = " ".join(word for word in text.lower().split() if "@" not in word)
    return " ".join(NOT_A_WORD.sub(" ", words).split())[:MAX_SAID]


# The first line of a follow-up's answer from what the page says about it.
SAYS = "Our page on this says:"
# The first line of an answer to a message read with the conversation (the same page again, or its task).
# Not "Our page on this covers that": the page's answer is given again when nothing on it was found near the
# question (respond.what_the_page_says), and the page may not cover it.
AGAIN = "This is what our page on this says."
LEADS = {
    "variant": AGAIN,
    "follow-up": AGAIN,
    "detail": "Thanks. You can tell us that when you report it online.",
    "story": "I'm sorry about that. You can tell us what happened in a complaint, and we'll pass it to the right "
             "team. The form starts with what you've told me, so you can check it and add to it.",
}


def _second_answer(client: CmsClient, key: str) -> Optional[Dict[str, Any]]:
    try:
        data = client.answer(key)
    except CmsError:
        return None
    return {**data, "key": data.get("key") or key}


def back_to_the_form(tracker: Tracker) -> List[Dict[Text, Any]]:
    """A question asked in the middle of a form (the form stepped aside for it) is answered:
    go back to the form, which asks whether to carry on."""
    loop = (tracker.active_loop or {}).get("name")
    return [FollowupAction(loop)] if loop else []


def _remember(client: CmsClient, key: str, data: Dict[str, Any]) -> None:
    """Keep this page, and now and then the whole list, for when the web app is down."""
    cache = get_cache()
    cache.remember(key, data)
    if cache.needs_refresh():
        try:
            cache.replace_all({page["key"]: page for page in client.pages()})
        except CmsError:
            pass


def _utter_answer(dispatcher: CollectingDispatcher, data: Dict[str, Any], key: str, lead: str = "",
                  second: Optional[Dict[str, Any]] = None) -> None:
    title = data.get("title") or "Find out more"
    url = data.get("url") or data.get("path") or pages.search_url()
    answer = (data.get("answer") or data.get("summary") or "").strip()
    kind = data.get("kind") or ""
    start_url = data.get("start_url")
    signpost = data.get("signpost") or None

    lines: List[str] = [lead] if lead else []
    lines += service_update_lines(data)
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
    if start_url and kind in START_NOW_KINDS:
        lines.append(f"Start now: {start_url}")
        links.append(link("Start now", start_url))
    if kind == "urgent":
        lines.append("You can also talk to a person here.")
    lines.append(f"Find out more: {url}")
    if second and second.get("url"):
        # The other subject of the same message ("...and on Council Tax too").
        second_title = second.get("title") or "Find out more"
        lines.append(f"You also asked about something else. {second_title}: "
                     f"{(second.get('answer') or second.get('summary') or '').strip()}\nFind out more: {second['url']}")
        links.append(link(second_title, second["url"]))

    dispatcher.utter_message(
        text="\n".join(lines),
        buttons=buttons or None,
        # The page's key marks this as a page's answer: the chat widget asks "Did this answer help?"
        json_message=links_message(links, answer={"key": data.get("key") or key}),
    )


def _utter_unavailable(dispatcher: CollectingDispatcher, page: Optional[Dict[str, str]]) -> None:
    """The web API is down: still give the page (if it was seen before) and the phone number."""
    phone, out_of_hours = contact.phones(ask=False)
    urgent = bool(page) and page.get("kind") == "urgent"
    if urgent:
        text = (
            f"If you need help today, call us on {phone} "
            f"(out of hours: {out_of_hours}).\n"
            f"Find out more: {page['url']}"
        )
    elif page:
        text = (
            f"Sorry, I can't fetch the answer just now. Our '{page['title']}' page has the "
            f"details: {page['url']}\nOr call us on {phone}."
        )
    else:
        text = (
            f"Sorry, I can't fetch the answer just now. Please try again in a few minutes, "
            f"or call us on {phone}."
        )
    dispatcher.utter_message(
        text=text,
        buttons=[dict(TALK_TO_A_PERSON)] if urgent or not page else None,
        json_message=links_message([link(page["title"], page["url"])] if page else []),
    )


def _utter_not_found(dispatcher: CollectingDispatcher, question: str) -> None:
    search_url = pages.search_url(question)
    dispatcher.utter_message(
        text=(
            f"Sorry, I can't find a page on our website that answers that. Try searching it: "
            f"{search_url}\nOr call us on {contact.phone()}."
        ),
        json_message=links_message([link("Search the website", search_url)]),
    )
