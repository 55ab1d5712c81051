""" "Did this answer help?" from the chat widget, under each answer that comes from a page.

The widget posts JSON with the CSRF token it already holds for chatting (it asks for the cookie before
its first message). The page is found by its chat key among the live chat pages of this site, so only
real answers can be rated; each conversation rates a page once (a second answer replaces the first).
"""

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from assistant.chat import SENDER_RE
from assistant.chat_keys import is_chat_key
from assistant.chat_pages import chat_page_for_key
from kit.json_body import json_object
from sitewide.current_site import current_site
from sitewide.rate_limits import limited_by

from .services import record_chat_answer_feedback
from .views import THANKS

MAX_BODY_BYTES = 2048


def bad_request(message):
    return JsonResponse({"ok": False, "message": message}, status=400)


@require_POST
@limited_by("FEEDBACK_RATE_LIMIT", method="POST")
def chat_answer_feedback(request):
    data = json_object(request.body) if len(request.body) <= MAX_BODY_BYTES else None
    if data is None:
        return bad_request("Your answer could not be read. Please try again.")
    sender, key, helpful = str(data.get("sender", "")), str(data.get("key", "")), data.get("helpful")
    if not SENDER_RE.match(sender):
        return bad_request("Your chat session has expired. Please reload the page.")
    if not isinstance(helpful, bool):
        return bad_request("Choose Yes or No to tell us if the answer helped.")
    page = chat_page_for_key(key, current_site(request)) if is_chat_key(key) else None
    if page is None:
        return bad_request("That answer is no longer on our website.")
    record_chat_answer_feedback(sender, page, helpful)
    return JsonResponse({"ok": True, "message": THANKS})
