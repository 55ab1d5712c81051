"""The "Live chat" area of the Wagtail admin, for the Customer service group.

A chat waiting for a person can be picked up and answered while the resident is on the page. A chat saved
out of hours, or when nobody was free, is not a live chat: the resident was offered a callback and the phone
number and is no longer waiting, so it is a message to answer later (call or email back), never picked up.
Staff read what the chat was about and where it started in words (page titles), and the whole conversation:
what the resident and the assistant said before the handoff, then the live part.

Staff see the chats of the councils they work for (chat_scope); a shared team's queue labels each chat with its
council, and any other council's chat is "not found".
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sitewide import council_staff

from . import handoffs
from .chat_scope import (
    CouncilNames,
    callback_or_404,
    callbacks_for,
    handoff_or_404,
    handoffs_for,
    page_link,
    site_of,
)
from .handoff_conversation import conversation, speakers
from .models import CallbackRequest, ChatMessage, HandoffRequest
from .topics import page_words, resident_words, topic_words

PERMISSION = "assistant.handle_live_chat"
can_handle_chats = permission_required(PERMISSION, raise_exception=True)
LATER_LIMIT = 50

# Outcomes that fit a chat answered later, by phone or email (it was never a live chat).
LATER_OUTCOMES = [
    (value, label) for value, label in HandoffRequest.Outcome.choices if value != HandoffRequest.Outcome.ANSWERED
]


class Describer:
    """Each handoff with what it is about, where it started (in words, a page of its council's site) and its
    council's name (each topic, page and council looked up once)."""

    def __init__(self):
        self.topics, self.pages, self.councils = {}, {}, CouncilNames()

    def __call__(self, handoff):
        if handoff.topic not in self.topics:
            self.topics[handoff.topic] = topic_words(handoff.topic)
        site = site_of(handoff)
        page = (site.pk if site else None, handoff.page_url)
        if page not in self.pages:
            self.pages[page] = page_words(handoff.page_url, site)
        handoff.topic_words, handoff.page_words = self.topics[handoff.topic], self.pages[page]
        handoff.page_link = page_link(site, handoff.page_url) if handoff.page_url.startswith("/") else ""
        handoff.council_name = self.councils(handoff)
        return handoff


def describe(handoff):
    return Describer()(handoff)


def waiting_chats(user, now):
    waiting = handoffs_for(user).filter(status=HandoffRequest.Status.WAITING).order_by("created_at")
    for handoff in waiting:
        handoffs.check_claim_timeout(handoff, now)
    return waiting


def saved_chats(user):
    """Chats saved out of hours or when nobody was free: messages to answer later, newest first."""
    return handoffs_for(user).filter(status=HandoffRequest.Status.OUT_OF_HOURS)


def open_callbacks(user):
    return callbacks_for(user).filter(status=CallbackRequest.Status.OPEN).select_related("handoff")


def queue_context(user):
    handoffs.mark_staff_seen(user)
    now = timezone.now()
    words, councils = Describer(), CouncilNames()
    claimed = handoffs_for(user).filter(status=HandoffRequest.Status.CLAIMED).select_related("claimed_by")
    later = saved_chats(user).prefetch_related("callbacks")
    callbacks = list(open_callbacks(user))
    for callback in callbacks:
        callback.council_name = councils(callback.handoff)
    return {
        "waiting": [(words(h), h.wait_seconds(now)) for h in waiting_chats(user, now)],
        "mine": [words(h) for h in claimed.filter(claimed_by=user)],
        "others": [words(h) for h in claimed.exclude(claimed_by=user)],
        "later": [words(h) for h in later[:LATER_LIMIT]],
        "later_count": later.count(),
        "callbacks": callbacks,
        "several_councils": council_staff.works_for_several(user),
    }


@can_handle_chats
def queue(request):
    return render(request, "assistant/admin/queue.html", queue_context(request.user))


@can_handle_chats
def queue_json(request):
    """What the open queue page polls for: it reloads when this changes."""
    handoffs.mark_staff_seen(request.user)
    now, names = timezone.now(), CouncilNames()
    return JsonResponse(
        {
            "waiting": [
                {"reference": h.reference, "wait_seconds": h.wait_seconds(now), "council": names(h)}
                for h in waiting_chats(request.user, now)
            ],
            "callbacks": open_callbacks(request.user).count(),
            "later": saved_chats(request.user).count(),
        }
    )


@can_handle_chats
def chat(request, reference):
    handoff = describe(handoff_or_404(request.user, reference, HandoffRequest.objects.select_related("claimed_by")))
    handoffs.mark_staff_seen(request.user)
    last = handoff.messages.order_by("-id").values_list("id", flat=True).first() or 0
    return render(
        request,
        "assistant/admin/chat.html",
        {
            "handoff": handoff,
            "lines": conversation(handoff),
            "last_message_id": last,
            "is_live": handoff.is_active,
            "can_answer": handoffs.can_answer(handoff, request.user),
            "is_later": handoff.status == HandoffRequest.Status.OUT_OF_HOURS,
            "callbacks": handoff.callbacks.all(),
            "outcomes": HandoffRequest.Outcome.choices,
            "later_outcomes": LATER_OUTCOMES,
            "several_councils": council_staff.works_for_several(request.user),
        },
    )


@can_handle_chats
def chat_messages(request, reference):
    """New messages for the staff member's open chat, polled every 2 seconds."""
    handoff = handoff_or_404(request.user, reference)
    handoffs.mark_staff_seen(request.user)
    names = speakers(handoff)
    try:
        after = int(request.GET.get("after", 0))
    except ValueError:
        after = 0
    return JsonResponse(
        {
            "status": handoff.status,
            "messages": [
                {
                    "id": m.id,
                    "from": m.sender,
                    "speaker": names.get(m.sender, m.sender),
                    "text": resident_words(m.text) if m.sender == ChatMessage.Sender.RESIDENT else m.text,
                    "time": m.created_at.isoformat(),
                }
                for m in handoff.messages.filter(id__gt=after)
            ],
        }
    )


NOT_LIVE = (
    "This chat came in when nobody could take it, so the resident is not waiting in the chat and would not see "
    "a reply. Call or email them back if they asked, then mark it as answered."
)


@require_POST
@can_handle_chats
def claim(request, reference):
    handoff = handoff_or_404(request.user, reference)
    if handoff.status == HandoffRequest.Status.OUT_OF_HOURS:
        messages.error(request, NOT_LIVE)
        return redirect("assistant_admin:chat", reference)
    if not handoffs.claim(handoff, request.user):
        messages.error(request, "Someone else has already picked up this chat, or it has closed.")
        return redirect("assistant_admin:queue")
    return redirect("assistant_admin:chat", reference)


@require_POST
@can_handle_chats
def reply(request, reference):
    handoff = handoff_or_404(request.user, reference)
    text = request.POST.get("text", "").strip()
    sent = False
    if handoff.status == HandoffRequest.Status.CLOSED:
        messages.error(request, "This chat has closed. The resident can no longer see replies.")
    elif handoff.status == HandoffRequest.Status.OUT_OF_HOURS:
        messages.error(request, NOT_LIVE)
    elif not text:
        messages.error(request, "Type a reply before sending.")
    elif not handoffs.staff_reply(handoff, request.user, text[:2000]):
        messages.error(request, "A colleague has this chat: your reply was not sent.")
    else:
        sent = True
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"ok": sent})
    return redirect("assistant_admin:chat", reference)


@require_POST
@can_handle_chats
def close(request, reference):
    handoff = handoff_or_404(request.user, reference)
    outcome = request.POST.get("outcome", "")
    if outcome not in HandoffRequest.Outcome.values:
        messages.error(request, "Choose an outcome before closing the chat.")
        return redirect("assistant_admin:chat", reference)
    if handoff.status == HandoffRequest.Status.OUT_OF_HOURS:
        handoffs.answered_later(handoff, outcome)
        messages.success(request, f"{handoff.reference} is marked as answered.")
        return redirect("assistant_admin:queue")
    handoffs.close(handoff, outcome)
    if not handoff.bot_resumed:
        messages.warning(request, "The chat is closed, but the assistant could not be told to carry on.")
    else:
        messages.success(request, f"Chat {handoff.reference} closed.")
    return redirect("assistant_admin:queue")


@require_POST
@can_handle_chats
def callback_done(request, pk):
    callback = callback_or_404(request.user, pk)
    callback.status, callback.done_at = CallbackRequest.Status.DONE, timezone.now()
    callback.save(update_fields=["status", "done_at"])
    if callback.handoff and callback.handoff.status != HandoffRequest.Status.CLOSED:
        callback.handoff.status = HandoffRequest.Status.CLOSED
        callback.handoff.outcome = HandoffRequest.Outcome.CALLBACK
        callback.handoff.closed_at = timezone.now()
        callback.handoff.save(update_fields=["status", "outcome", "closed_at"])
    return redirect("assistant_admin:queue")
