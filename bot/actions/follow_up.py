"""Follow-up questions about the page the assistant last answered with: "how much is it?", "what do I need?".

The answer comes from the page's own fields (cost, what you need), through the web API, so editors change it
where they change the page.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import context, phrasing
from actions.answers import answer_page
from actions.api.cms import CmsError, NotFound, get_client
from actions.pages import START_NOW_KINDS, get_cache
from actions.replies import NON_TOPIC_INTENTS, TALK_TO_A_PERSON, last_intent, link, links_message

# The bot's own intents: what is left is a content intent, whose name is its page's key.
NOT_A_PAGE = NON_TOPIC_INTENTS | {
    "out_of_scope", "nlu_fallback", "inform_postcode", "dont_know_postcode", "bin_collection_day", "risk_of_harm",
}
ASK_WHICH = {
    "ask_cost": "What would you like to know the cost of? For example, 'how much is a garden waste bin?'",
    "ask_what_you_need": "What would you like to do? For example, 'what do I need to apply for a blue badge?'",
}


def follow_up_text(intent: str, title: str, details: Dict[str, Any]) -> Optional[str]:
    if intent == "ask_cost" and details.get("cost"):
        return f"{title}: {details['cost']}"
    if intent == "ask_what_you_need" and details.get("what_you_need"):
        return f"For {title[0].lower() + title[1:]}, you need:\n" + "\n".join(
            f"- {item}" for item in details["what_you_need"])
    return None


class ActionAnswerFollowUp(Action):
    def name(self) -> Text:
        return "action_answer_follow_up"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        intent = tracker.get_intent_of_latest_message() or ""
        # The page the conversation is about (the last answer), else the page the resident last asked about.
        key = context.current(tracker).topic or last_intent(tracker, NOT_A_PAGE)
        ask_which = ASK_WHICH.get(intent, ASK_WHICH["ask_cost"])
        if key is None:
            dispatcher.utter_message(text=ask_which)
            return []
        try:
            data = get_client().answer(key)
        except NotFound:
            dispatcher.utter_message(text=ask_which)
            return []
        except CmsError:
            page = get_cache().get(key) or {}
            dispatcher.utter_message(
                text="Sorry, I can't look that up just now. " + (f"It's on this page: {page['url']}" if page else ""),
                buttons=[dict(TALK_TO_A_PERSON)],
                json_message=links_message([link(page.get("title", ""), page["url"])] if page else []),
            )
            return []

        title, url = data.get("title") or "This", data.get("url") or data.get("path")
        text = follow_up_text(intent, title, data.get("details") or {})
        links = [link(title, url)]
        if text is None:
            text = f"The page doesn't say. Find out more: {url}"
        if data.get("start_url") and data.get("kind") in START_NOW_KINDS:
            text += f"\nStart now: {data['start_url']}"
            links.append(link("Start now", data["start_url"]))
        dispatcher.utter_message(text=text, json_message=links_message(links, answer={"key": data.get("key") or key}))
        return []



class ActionWhatICanDo(Action):
    """ "What can you do?" is about the assistant, unless it points at the page just answered ("what are you
    actually able to do about it?" after reporting disrepair): then that page answers, as a follow-up."""

    def name(self) -> Text:
        return "action_what_i_can_do"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        topic = context.current(tracker).topic
        text = (tracker.latest_message or {}).get("text") or ""
        if topic and phrasing.refers_back(phrasing.without_opening(text)):
            return answer_page(dispatcher, tracker, topic, how="follow-up")
        dispatcher.utter_message(response="utter_what_i_can_do")
        return []
