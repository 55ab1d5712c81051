"""Conversations with the assistant, as counts: turns, fallbacks, and the containment rate.

Containment: of the conversations that have ended (no message for CHAT_CONVERSATION_IDLE_MINUTES),
the share the assistant handled alone, with no fallback ("Sorry, I'm not sure I understood") and no
handoff to a person.
"""
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from sitewide.council_staff import sites_or_default

from .models import ChatConversation, HandoffRequest


def record_turn(sender_id, campaign="", site=None):
    """The bot answered one message of this conversation; `campaign`, the campaign link its visit began with, and
    `site`, the council whose site it is on, are kept from the first. One statement on every turn (PostgreSQL and
    SQLite both upsert), not a look-up and then a write: it is on every chat message's way back to the resident."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(ChatConversation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (sender_id, started_at, last_message_at, turns, fallbacks, campaign, site_id) "
            "VALUES (%s, %s, %s, 1, 0, %s, %s) "
            f"ON CONFLICT (sender_id) DO UPDATE SET turns = {table}.turns + 1, "
            "last_message_at = excluded.last_message_at",
            [sender_id, now, now, campaign[:40], site.pk if site is not None else None],
        )


def record_fallback(sender_id):
    """The bot could not answer a message of this conversation."""
    if sender_id:
        ChatConversation.objects.filter(sender_id=sender_id[:100]).update(fallbacks=F("fallbacks") + 1)


def containment(since, now=None, councils=None):
    """{"ended", "contained", "fallback", "handed_off", "in_progress", "percent"} for conversations started
    since `since` (on the sites of `councils`, Site ids, when given); percent is None when no conversation has
    ended."""
    now = now or timezone.now()
    idle_since = now - timedelta(minutes=settings.CHAT_CONVERSATION_IDLE_MINUTES)
    ended = Q(last_message_at__lt=idle_since)
    handed_off = Q(Exists(HandoffRequest.objects.filter(sender_id=OuterRef("sender_id"))))
    conversations = ChatConversation.objects.filter(started_at__gte=since)
    if councils is not None:
        conversations = conversations.filter(sites_or_default(councils))
    counts = conversations.aggregate(
        ended=Count("pk", filter=ended),
        handed_off=Count("pk", filter=ended & handed_off),
        fallback=Count("pk", filter=ended & ~handed_off & Q(fallbacks__gt=0)),
        contained=Count("pk", filter=ended & ~handed_off & Q(fallbacks=0)),
        in_progress=Count("pk", filter=~ended),
    )
    counts["percent"] = round(100 * counts["contained"] / counts["ended"]) if counts["ended"] else None
    return counts


def delete_conversations_before(cutoff):
    deleted, _ = ChatConversation.objects.filter(last_message_at__lt=cutoff).delete()
    return deleted
