"""The chat widget talks only to the web app, which passes messages to Rasa's REST channel.

Keeping Rasa behind the web app means one origin for the widget, one place for CSRF and rate limits,
and a clean reply when the bot is down.
"""
import logging
import re

import requests
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.http import require_GET, require_http_methods

from kit.json_body import json_object
from sitewide.after_response import after_response
from sitewide.current_site import current_site
from sitewide.models import CouncilSettings
from sitewide.rate_limits import limited_by

from . import conversations, handoffs, in_flight, rasa_api
from .chat_keys import is_chat_key
from .models import ChatMessage, HandoffRequest
from .rasa_servers import servers_for

logger = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 500
MAX_BODY_BYTES = 16 * 1024  # a message, a sender id and a page path fit many times over
SENDER_RE = re.compile(r"[A-Za-z0-9-]{8,64}")  # always fullmatch: "$" would let a trailing newline in
# The campaign link this visit began with (campaigns): its short name, carried by the widget from the landing page
CAMPAIGN_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
# How a message was sent. A button sends a payload the assistant offered: an intent ("/request_human") but
# never entities or slots ("/intent{...}"). Typed text and shared ?ask= links never name an intent.
MESSAGE_KINDS = {"typed", "button", "link"}
BUTTON_PAYLOAD_RE = re.compile(r"/[A-Za-z0-9_]{1,60}")


def unavailable_message(request):
    site = current_site(request)
    phone = CouncilSettings.for_site(site).phone if site else ""
    # The widget adds "You can also contact us" with its link: the sentence does not name the page again.
    call = f" You can call us on {phone}." if phone else ""
    return f"Sorry, the assistant is not available right now.{call}"


BUSY_MESSAGE = "Sorry, a lot of people are using the assistant right now. Please send your message again in a moment."


class UnexpectedBotReply(ValueError):
    """Rasa answered, but not with the REST channel's list of messages."""


def dicts(value):
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def object_at(mapping, name):
    """mapping[name] when it is an object (a dict), else an empty one: what Rasa relays is read defensively."""
    value = mapping.get(name)
    return value if isinstance(value, dict) else {}


def to_widget_message(rasa_message):
    """Rasa REST output -> {"text", "links", "buttons"} for the widget."""
    if not isinstance(rasa_message, dict):
        raise UnexpectedBotReply(f"a message is {type(rasa_message).__name__}, not an object")
    custom = object_at(rasa_message, "custom")
    text = rasa_message.get("text")
    message = {
        "text": text if isinstance(text, str) else "",
        "links": [
            {"text": str(link.get("text", "")), "url": str(link.get("url", ""))}
            for link in dicts(custom.get("links"))
            if link.get("url")
        ],
        "buttons": [
            {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
            for button in dicts(rasa_message.get("buttons"))
        ],
    }
    answer = object_at(custom, "answer")
    if is_chat_key(answer.get("key")):
        message["answer"] = {"key": answer["key"]}  # a page's answer: the widget asks "Did this answer help?"
    return message


# "Label: /address/" lines are written for channels that show text alone. The widget shows the links
# themselves, so a line that only names a link goes, and a sentence ending in an address ends at its words.
LINE_ENDING_IN_ADDRESS_RE = re.compile(r"^(?P<words>.+?): (?P<url>\S+)$")
GENERIC_LINK_LABELS = {"Start now", "Find out more"}


def without_link_addresses(text, links):
    """The text without the addresses of `links` (they are long and wrap line after line on a phone)."""
    link_text = {link["url"]: link["text"] for link in links}
    lines = []
    for line in text.split("\n"):
        ending = LINE_ENDING_IN_ADDRESS_RE.match(line)
        if ending and ending["url"] in link_text:
            words = ending["words"]
            if words.removeprefix("- ") in GENERIC_LINK_LABELS | {link_text[ending["url"]]}:
                continue
            line = words if words.endswith((".", "?", "!")) else words + "."
        lines.append(line)
    return "\n".join(lines).strip()


def merge_links_into_text_messages(messages):
    """Rasa sends text and its links as two messages; show them as one bubble."""
    merged = []
    for message in messages:
        if merged and not message["text"] and message["links"] and not merged[-1]["links"]:
            merged[-1]["links"] = message["links"]
            if "answer" in message:
                merged[-1]["answer"] = message["answer"]
        elif message["text"] or message["links"] or message["buttons"]:
            merged.append(message)
    for message in merged:
        message["text"] = without_link_addresses(message["text"], message["links"])
    return merged


def parse_chat_request(request):
    if len(request.body) > MAX_BODY_BYTES:
        return None, f"Please keep your message under {MAX_MESSAGE_LENGTH} characters."
    data = json_object(request.body)
    if data is None:
        return None, "Your message could not be read. Please try again."
    sender, message, kind = data.get("sender"), data.get("message"), data.get("kind", "typed")
    if not isinstance(sender, str) or not SENDER_RE.fullmatch(sender):
        return None, "Your chat session has expired. Please reload the page."
    if not isinstance(message, str) or not isinstance(kind, str) or kind not in MESSAGE_KINDS:
        return None, "Your message could not be read. Please try again."
    message = message.strip()
    if kind != "button" or (message.startswith("/") and not BUTTON_PAYLOAD_RE.fullmatch(message)):
        message = message.lstrip("/").strip()  # typed "/request_human" is words, not a command
    if not message:
        return None, "Please type a message."
    if len(message) > MAX_MESSAGE_LENGTH:
        return None, f"Please keep your message under {MAX_MESSAGE_LENGTH} characters."
    page = data.get("page", "")
    page = page[:255] if isinstance(page, str) else ""
    campaign = data.get("campaign", "")
    campaign = campaign if isinstance(campaign, str) and CAMPAIGN_RE.fullmatch(campaign) else ""
    return {"sender": sender, "message": message, "page": page, "from_link": kind == "link",
            "campaign": campaign}, None


def bot_metadata(page, from_link, council=None):
    """What the assistant knows of the message besides its words. `from_link`: it came from a shared
    ?ask= link, so the resident did not type it and it must not hand their chat to a person. `council`: the
    hostname of the council's site the resident is on: the action server asks the web API as that site."""
    metadata = {"page": page, "from_link": True} if from_link else {"page": page}
    if council:
        metadata["council"] = council
    return metadata


class BotUnavailable(Exception):
    """The circuit is open: the bot failed recently, so we do not wait on it."""


def hands_over(rasa_messages):
    """Did the assistant hand the conversation to a person in this turn? Its handover reply says so
    (actions/handoff.py: custom {"handoff": {"reference", "status"}}), so no query asks it again."""
    return any(
        object_at(object_at(message, "custom"), "handoff").get("status") in HandoffRequest.ACTIVE
        for message in dicts(rasa_messages)
    )


def send_to_bot(sender, message, page, from_link=False, council=None):
    """([widget messages], whether a person now has the conversation). The conversation's preferred Rasa server
    answers; if it cannot be reached (or its circuit is open), the next one does. A server that fails or hangs
    trips its circuit, so the next messages skip it at once. After a read timeout the message is not sent again
    elsewhere: it may have been handled."""
    servers = servers_for(sender)
    for position, server in enumerate(servers):
        last = position == len(servers) - 1
        breaker = rasa_api.breaker(server)
        if not breaker.allow():
            if last:
                raise BotUnavailable(f"circuit open for {server}")
            continue
        try:
            response = rasa_api.http().post(
                f"{server}/webhooks/rest/webhook",
                json={"sender": sender, "message": message, "metadata": bot_metadata(page, from_link, council)},
                timeout=rasa_api.timeout(),
            )
            response.raise_for_status()
            replies = response.json()
            if not isinstance(replies, list):
                raise UnexpectedBotReply(f"the reply is {type(replies).__name__}, not a list")
            messages = [to_widget_message(m) for m in replies]
        except requests.ConnectionError as exc:
            breaker.record_failure()
            if last:
                raise
            logger.warning("Rasa server %s unreachable, trying the next: %s", server, exc)
            continue
        except (requests.RequestException, ValueError, RecursionError):
            breaker.record_failure()
            raise
        breaker.record_success()
        return messages, hands_over(replies)


@require_http_methods(["GET", "POST"])
@limited_by("CHAT_RATE_LIMIT")
def chat_send(request):
    if request.method == "GET":
        # Cached pages set no cookies: the widget asks here for the CSRF cookie before its first message.
        get_token(request)
        return JsonResponse({"ready": True})
    data, error = parse_chat_request(request)
    if error:
        return JsonResponse({"error": "bad_request", "message": error}, status=400)
    handoff = handoffs.active_handoff_for(data["sender"])
    if handoff is not None:
        # A person has (or is about to have) this conversation: their queue gets the message, not the bot.
        handoffs.record_resident_message(handoff, data["message"])
        return JsonResponse({"messages": [], "mode": "human"})
    if not in_flight.take():
        return JsonResponse({"error": "busy", "message": BUSY_MESSAGE}, status=503, headers={"Retry-After": "2"})
    try:
        site = current_site(request)
        council = site.hostname if site is not None and not site.is_default_site else None
        messages, handed_over = send_to_bot(data["sender"], data["message"], data["page"], data["from_link"], council)
    except (requests.RequestException, ValueError, RecursionError, BotUnavailable) as exc:
        logger.warning("Chat bot unavailable: %s", exc)
        return JsonResponse({"error": "bot_unavailable", "message": unavailable_message(request)}, status=503)
    finally:
        in_flight.give_back()
    mode = "human" if handed_over else "bot"
    response = JsonResponse({"messages": merge_links_into_text_messages(messages), "mode": mode})
    # Counted once the reply has gone: the resident does not wait for the database
    return after_response(response, lambda: conversations.record_turn(data["sender"], campaign=data["campaign"],
                                                                      site=site))


@require_GET
@limited_by("CHAT_POLL_RATE_LIMIT")
def chat_poll(request):
    """Staff and system messages after `after`, while a person has the conversation. The sender id, the
    conversation's only key, comes in a header: a query string is written to every access log."""
    sender = request.headers.get("X-Chat-Sender", "")
    if not SENDER_RE.fullmatch(sender):
        return JsonResponse({"error": "bad_request", "message": "Your chat session has expired."}, status=400)
    try:
        after = int(request.GET.get("after", 0))
    except ValueError:
        after = 0
    handoff = handoffs.active_handoff_for(sender)
    if handoff is not None:
        handoffs.check_claim_timeout(handoff)
    latest = (
        ChatMessage.objects.filter(handoff__sender_id=sender, id__gt=after)
        .exclude(sender=ChatMessage.Sender.RESIDENT)
    )
    messages = [
        {
            "id": message.id,
            "text": message.text,
            "from": message.sender,
            "links": [{"text": message.link_text, "url": message.link_url}] if message.link_url else [],
        }
        for message in latest
    ]
    return JsonResponse({"messages": messages, "mode": "human" if handoff else "bot"})
