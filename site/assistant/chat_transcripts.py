"""Transcripts of conversations that went wrong, kept for editors to read (assistant.models.ChatTranscript).

The bot posts the conversation to /api/bot/transcript/ when the resident says an answer did not help
("said_no"), asks again in other words ("rephrased") or is handed to a person ("handed_off"). What is stored is
redacted on the way in (kit.redaction.redact), cut to the last ChatTranscript.MAX_TURNS turns, and deleted by
delete_old_transcripts after CHAT_TRANSCRIPT_RETENTION_DAYS.
"""
import math

from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kit.json_body import json_object
from kit.redaction import redact
from sitewide.current_site import current_site

from .bot_api import bot_only, transcript_lines
from .chat import SENDER_RE
from .models import ChatTranscript

REASONS = {reason.value for reason in ChatTranscript.Reason}
SENDERS = {"user", "bot"}


def clean_turns(value):
    """The last MAX_TURNS lines of the bot's transcript that are a resident's or the assistant's words, as
    [{"sender", "text", "timestamp"}] with the text redacted and cut to MAX_TEXT characters. Anything else
    (other senders, empty or non-text words, a timestamp that is not a finite number) is left out."""
    turns = []
    for line in transcript_lines(value[-ChatTranscript.MAX_TURNS:] if isinstance(value, list) else value):
        sender, text, timestamp = line.get("sender"), line.get("text"), line.get("timestamp")
        if sender not in SENDERS or not isinstance(text, str) or not text.strip():
            continue
        if isinstance(timestamp, bool) or not isinstance(timestamp, (int, float)) or not math.isfinite(timestamp):
            timestamp = None
        turns.append({"sender": sender, "text": redact(text, max_length=ChatTranscript.MAX_TEXT),
                      "timestamp": timestamp})
    return turns


def record_transcript(sender_id, reason, turns, page_url="", site=None):
    """Add `reason` to the conversation's transcript, creating it if need be; non-empty `turns` replace the
    ones kept. The page the chat started on, and its council (`site`), are the first ones sent."""
    now = timezone.now()
    with transaction.atomic():
        transcript, created = ChatTranscript.objects.select_for_update().get_or_create(
            sender_id=sender_id, defaults={"turns": turns, "page_url": page_url, "created_at": now, "updated_at": now,
                                           "site": site, reason: True},
        )
        if not created:
            setattr(transcript, reason, True)
            if turns:
                transcript.turns = turns
            transcript.page_url = transcript.page_url or page_url
            transcript.updated_at = now
            transcript.save()
    return transcript, created


def bad_request(message):
    return JsonResponse({"error": "bad_request", "message": message}, status=400)


@bot_only
@require_POST
def transcript(request):
    """{"sender_id", "reason", "transcript": [{"sender", "text", "timestamp"}], "page_url"}: keep the words of a
    conversation that went wrong (201 the first time, 200 after)."""
    data = json_object(request.body)
    if data is None:
        return bad_request("Send a JSON object.")
    # The same ids the chat proxy gives conversations (and the handoff accepts), nothing longer or stranger.
    if not isinstance(data.get("sender_id"), str) or not SENDER_RE.fullmatch(data["sender_id"]):
        return bad_request("Send the chat's 'sender_id'.")
    if not isinstance(data.get("reason"), str) or data["reason"] not in REASONS:
        return bad_request(f"Send a 'reason': one of {', '.join(sorted(REASONS))}.")
    if not isinstance(data.get("transcript", []), list):
        return bad_request("Send the 'transcript' as a list of {sender, text, timestamp}.")
    page_url = data.get("page_url") or ""
    if not isinstance(page_url, str):
        return bad_request("Send the 'page_url' as text.")
    # The action server asks as the resident's council's site: the transcript is read by that council's staff.
    saved, created = record_transcript(
        data["sender_id"], data["reason"], clean_turns(data.get("transcript", [])), page_url[:255],
        site=current_site(request),
    )
    return JsonResponse({"ok": True, "turns": len(saved.turns)}, status=201 if created else 200)
