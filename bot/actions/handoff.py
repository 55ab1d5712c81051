"""Hand the conversation to a person: post the transcript, say what happens next. The conversation is also kept
for editors to read (actions.transcripts, reason "handed_off")."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import config
from actions.api.cms import CmsError, get_client
from actions.replies import (
    TALK_TO_A_PERSON,
    conversation_topic,
    from_shared_link,
    link,
    links_message,
    page_url,
    transcript,
)
from actions.transcripts import record_transcript

logger = logging.getLogger(__name__)


class ActionHandoff(Action):
    """POST the request and transcript; sets handoff_status for the rules."""

    def name(self) -> Text:
        return "action_handoff"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if from_shared_link(tracker):
            # Whoever posted the link chose these words, not the person reading: ask them first. The slot
            # still says the step is done, so the rules listen next; the button asks again for real.
            dispatcher.utter_message(text="Do you want to talk to a person from our customer service team?",
                                     buttons=[TALK_TO_A_PERSON])
            return [SlotSet("handoff_status", "requested")]
        client = get_client()
        payload = {
            "sender_id": tracker.sender_id,
            "topic": conversation_topic(tracker),
            "page_url": page_url(tracker),
            "transcript": transcript(tracker),
        }
        try:
            data = client.handoff(payload)
        except CmsError:
            # The rules answer this with utter_handoff_unavailable (the phone number
            # lives in domain.yml so it works without the web app).
            logger.warning("Handoff request failed; the bot gives the phone number")
            return [SlotSet("handoff_status", "unavailable")]
        # Editors read what led here (Resident feedback > Chat transcripts); staff already have it with the request.
        record_transcript(tracker, "handed_off")

        phone = data.get("phone")
        opening_hours = data.get("opening_hours")
        contact_url = config.FALLBACK_CONTACT_URL
        if not phone or not opening_hours:
            try:
                council = client.council()
            except CmsError:
                council = {}
            phone = phone or council.get("phone") or config.FALLBACK_PHONE
            opening_hours = (
                opening_hours or council.get("opening_hours") or config.FALLBACK_OPENING_HOURS
            )
            contact_url = council.get("contact_url") or config.FALLBACK_CONTACT_URL

        reference = data.get("reference")
        message = (data.get("message") or "").strip() or (
            "I've asked a member of our customer service team to join this chat."
        )
        lines = [message]
        # The web app's message may already carry the reference and phone number.
        if reference and reference not in message:
            lines.append(f"Your reference is {reference}.")
        if phone not in message:
            lines.append(f"If you would rather phone, call {phone} ({opening_hours}).")
        elif opening_hours not in message:
            lines.append(f"Our opening hours are {opening_hours}.")

        links = [link("Contact us", contact_url)] if contact_url else []  # no contact page: no link
        if data.get("callback_url"):
            links.insert(0, link("Ask us to call or email you back", data["callback_url"]))
        dispatcher.utter_message(
            text="\n".join(lines),
            json_message=links_message(links, handoff={"reference": reference, "status": data.get("status")}),
        )
        events: List[Dict[Text, Any]] = [SlotSet("handoff_status", "requested")]
        if data.get("status") == "waiting":
            # A person takes over: the bot stays quiet until the web app resumes it on close.
            events.append(ConversationPaused())
        return events

