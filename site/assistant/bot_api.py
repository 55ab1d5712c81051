"""The small JSON API the bot's action server calls: its token check, and the answers that read no page.

The views that link to a page (page answers by chat key, the council's details with the contact page, bin days
and councillors with the page of their lookup) are in cms_pages/api.py: `assistant` sits below `cms_pages`, so
it types no page address and finds no page; those views find the page and hand its URL to the helpers here
(`council_details`, `answer_for_postcode`, bin_days, councillors).
"""
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kit.bearer import carries_bearer_token
from kit.json_body import json_object
from kit.redaction import redact
from places.lookups import InvalidPostcode, NoAddresses, NotInArea, example_postcode
from sitewide.current_site import current_site
from sitewide.kept_settings import council_settings

from . import conversations, handoffs
from .chat import SENDER_RE
from .models import HandoffRequest, UnansweredQuestion
from .opening_hours import council_is_open


class NoSite(Exception):
    """There is no site at all (an empty database): nothing to answer from."""


def bot_only(view):
    """Server-to-server calls: when BOT_API_TOKEN is set, the action server must send it.
    With no site at all, every call is answered "not found", as for a page that is not there."""

    def wrapped(request, *args, **kwargs):
        token = settings.BOT_API_TOKEN
        if token and not carries_bearer_token(request, token):
            return JsonResponse({"error": "forbidden"}, status=403)
        try:
            return view(request, *args, **kwargs)
        except NoSite:
            return JsonResponse({"error": "not_found", "message": "This website has no pages yet."}, status=404)

    return csrf_exempt(wrapped)


def council_for(request):
    site = current_site(request)
    if site is None:
        raise NoSite
    return site, council_settings(site)[0]


def phones(council):
    return {"main": council.phone, "out_of_hours": council.out_of_hours_phone}


def council_details(council, contact_url):
    """GET /api/bot/council/'s answer: name, phones, address, hours, the contact page's URL (None without one)
    and whether the council's contact centre is open now."""
    return {
        "name": council.name,
        "phone": council.phone,
        "out_of_hours_phone": council.out_of_hours_phone,
        "address": council.address,
        "opening_hours": council.opening_hours,
        "contact_url": contact_url,
        "open_now": council_is_open(council),
    }


# {area}: the council's area as residents name it (Westmere); {example}: a postcode from its own address list
POSTCODE_MESSAGES = {
    "invalid_postcode": (400, "That doesn't look like a postcode. Please type a postcode like {example}."),
    "not_in_area": (404, "That postcode is not in {area}. Check your own council's website."),
    "no_addresses": (404, "We cannot find any addresses at that postcode. Check it and try again."),
}
# A council with no address list yet has no example of its own: never another council's postcode
INVALID_WITHOUT_EXAMPLE = "That doesn't look like a postcode. Please type your full postcode."


def postcode_error(kind, url, site):
    """A postcode the lookup cannot answer, in the words of `site`'s council (the resident's), with the URL of the
    page where a resident can look it up and the council's name (for the action server's own words)."""
    status, message = POSTCODE_MESSAGES[kind]
    example = example_postcode(site) if kind == "invalid_postcode" else ""
    if example is None:
        message = INVALID_WITHOUT_EXAMPLE
    council = council_settings(site)[0] if site is not None else None
    message = message.format(area=council.area_name if council else settings.WAGTAIL_SITE_NAME, example=example)
    name = council.name if council else settings.WAGTAIL_SITE_NAME
    return JsonResponse({"error": kind, "message": message, "url": url, "council": name}, status=status)


def answer_for_postcode(find, postcode, url, site):
    """`find(postcode)`'s answer as JSON, or the error a resident can act on."""
    try:
        return JsonResponse(find(postcode))
    except InvalidPostcode:
        return postcode_error("invalid_postcode", url, site)
    except NotInArea:
        return postcode_error("not_in_area", url, site)
    except NoAddresses:
        return postcode_error("no_addresses", url, site)


@bot_only
@require_POST
def unanswered(request):
    data = json_object(request.body)
    if data is None or not str(data.get("text", "")).strip():
        return JsonResponse({"error": "bad_request", "message": "Send JSON with a 'text'."}, status=400)
    UnansweredQuestion.objects.create(
        text=redact(data["text"], max_length=500),
        site=current_site(request),  # the action server asks as the host of the resident's council
        intent=str(data.get("intent", ""))[:100],
        confidence=data.get("confidence") if isinstance(data.get("confidence"), (int, float)) else None,
        page_url=str(data.get("page_url", ""))[:255],
    )
    conversations.record_fallback(str(data.get("sender_id", "")))
    return JsonResponse({"ok": True}, status=201)


MAX_TRANSCRIPT_LINES = 500
PLAIN_VALUES = (int, float, bool, type(None))


def transcript_lines(value):
    """The transcript as flat lines of text and numbers (its text is already storable: NulByteMiddleware
    replaced any lone surrogate, which PostgreSQL's jsonb refuses)."""
    if not isinstance(value, list):
        return []
    return [
        {str(key)[:40]: item
         for key, item in line.items() if isinstance(item, (str, *PLAIN_VALUES))}
        for line in value[:MAX_TRANSCRIPT_LINES] if isinstance(line, dict)
    ]


@bot_only
@require_POST
def handoff(request):
    """The bot hands over: save the request and transcript first, then say what happens next."""
    data = json_object(request.body)
    # Only a conversation the chat proxy could have started: its id goes into Rasa's URLs when a person
    # hands the chat back, and "x/../../model/parse?x=" must never reach another endpoint there.
    if data is None or not isinstance(data.get("sender_id"), str) or not SENDER_RE.fullmatch(data["sender_id"]):
        return JsonResponse({"error": "bad_request", "message": "Send JSON with the chat's 'sender_id'."}, status=400)
    # The action server asks as the resident's council's site: the chat is that council's, answered in its name.
    site, _ = council_for(request)
    sender_id = data["sender_id"]
    existing = handoffs.active_handoff_for(sender_id)
    request_ = existing or HandoffRequest.objects.create(
        sender_id=sender_id,
        site=site,
        topic=str(data.get("topic", ""))[:100],
        page_url=str(data.get("page_url", ""))[:255],
        transcript=transcript_lines(data.get("transcript")),
        status=handoffs.initial_status(site),
    )
    council = handoffs.council_details(request_)
    callback_url = handoffs.callback_url(request_)
    if request_.status in HandoffRequest.ACTIVE:
        message = (
            f"I've asked a member of our customer service team to join this chat (reference {request_.reference}). "
            f"Please stay on this page. If nobody replies in a few minutes, call us on {council.phone}."
        )
    elif council_is_open(council):  # the chat's council's hours, as its words below
        message = (
            f"Sorry, nobody is free to chat at the moment. We've saved your conversation (reference "
            f"{request_.reference}). Ask us to call or email you back, or phone {council.phone}."
        )
    else:
        message = (
            f"Our team is not working right now ({council.opening_hours}). We've saved your conversation "
            f"(reference {request_.reference}). Ask us to call or email you back, or phone {council.phone} "
            f"when we open. If it's an emergency, call {council.out_of_hours_phone}."
        )
    if existing is None:  # staff read what the resident was told, after what they said
        request_.transcript = [*request_.transcript, {"sender": "bot", "text": message}]
        request_.save(update_fields=["transcript"])
    return JsonResponse(
        {
            "reference": request_.reference,
            "status": request_.status,
            "message": message,
            "phone": council.phone,
            "opening_hours": council.opening_hours,
            "callback_url": None if request_.status in HandoffRequest.ACTIVE else callback_url,
        },
        status=201,
    )
