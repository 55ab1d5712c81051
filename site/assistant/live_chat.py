"""The "Live chat" area of the Wagtail admin, for the Customer service group."""
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import handoffs
from .models import CallbackRequest, HandoffRequest

PERMISSION = "assistant.handle_live_chat"
can_handle_chats = permission_required(PERMISSION, raise_exception=True)


def queue_context(user):
    handoffs.mark_staff_seen(user)
    now = timezone.now()
    waiting = HandoffRequest.objects.filter(status=HandoffRequest.Status.WAITING).order_by("created_at")
    for handoff in waiting:
        handoffs.check_claim_timeout(handoff, now)
    return {
        "waiting": [(h, h.wait_seconds(now)) for h in waiting],
        "mine": HandoffRequest.objects.filter(status=HandoffRequest.Status.CLAIMED, claimed_by=user),
        "others": HandoffRequest.objects.filter(status=HandoffRequest.Status.CLAIMED).exclude(claimed_by=user),
        "out_of_hours": HandoffRequest.objects.filter(status=HandoffRequest.Status.OUT_OF_HOURS)[:20],
        "callbacks": CallbackRequest.objects.filter(status=CallbackRequest.Status.OPEN).select_related("handoff"),
    }


@can_handle_chats
def queue(request):
    return render(request, "assistant/admin/queue.html", queue_context(request.user))


@can_handle_chats
def queue_json(request):
    context = queue_context(request.user)
    return JsonResponse(
        {
            "waiting": [
                {"reference": h.reference, "topic": h.topic, "wait_seconds": wait} for h, wait in context["waiting"]
            ],
            "callbacks": context["callbacks"].count(),
        }
    )


@can_handle_chats
def chat(request, reference):
    handoff = get_object_or_404(HandoffRequest, reference=reference)
    handoffs.mark_staff_seen(request.user)
    return render(
        request,
        "assistant/admin/chat.html",
        {"handoff": handoff, "messages_": handoff.messages.all(), "outcomes": HandoffRequest.Outcome.choices},
    )


@can_handle_chats
def chat_messages(request, reference):
    """New messages for the staff member's open chat, polled every 2 seconds."""
    handoff = get_object_or_404(HandoffRequest, reference=reference)
    handoffs.mark_staff_seen(request.user)
    try:
        after = int(request.GET.get("after", 0))
    except ValueError:
        after = 0
    return JsonResponse(
        {
            "status": handoff.status,
            "messages": [
                {"id": m.id, "from": m.sender, "text": m.text, "time": m.created_at.isoformat()}
                for m in handoff.messages.filter(id__gt=after)
            ],
        }
    )


@require_POST
@can_handle_chats
def claim(request, reference):
    handoff = get_object_or_404(HandoffRequest, reference=reference)
    if not handoffs.claim(handoff, request.user):
        messages.error(request, "Someone else has already picked up this chat, or it has closed.")
        return redirect("assistant_admin:queue")
    return redirect("assistant_admin:chat", reference)


@require_POST
@can_handle_chats
def reply(request, reference):
    handoff = get_object_or_404(HandoffRequest, reference=reference)
    text = request.POST.get("text", "").strip()
    if handoff.status == HandoffRequest.Status.CLOSED:
        messages.error(request, "This chat has closed. The resident can no longer see replies.")
    elif not text:
        messages.error(request, "Type a reply before sending.")
    else:
        handoffs.staff_reply(handoff, request.user, text[:2000])
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"ok": bool(text)})
    return redirect("assistant_admin:chat", reference)


@require_POST
@can_handle_chats
def close(request, reference):
    handoff = get_object_or_404(HandoffRequest, reference=reference)
    outcome = request.POST.get("outcome", "")
    if outcome not in HandoffRequest.Outcome.values:
        messages.error(request, "Choose an outcome before closing the chat.")
        return redirect("assistant_admin:chat", reference)
    handoffs.close(handoff, outcome)
    if not handoff.bot_resumed:
        messages.warning(request, "The chat is closed, but the assistant could not be told to carry on.")
    else:
        messages.success(request, f"Chat {handoff.reference} closed.")
    return redirect("assistant_admin:queue")


@require_POST
@can_handle_chats
def callback_done(request, pk):
    callback = get_object_or_404(CallbackRequest, pk=pk)
    callback.status = CallbackRequest.Status.DONE
    callback.save(update_fields=["status"])
    if callback.handoff and callback.handoff.status != HandoffRequest.Status.CLOSED:
        callback.handoff.status = HandoffRequest.Status.CLOSED
        callback.handoff.outcome = HandoffRequest.Outcome.CALLBACK
        callback.handoff.closed_at = timezone.now()
        callback.handoff.save(update_fields=["status", "outcome", "closed_at"])
    return redirect("assistant_admin:queue")

