from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from assistant.conversations import delete_conversations_before
from assistant.models import ChatMessage, ChatTranscript, HandoffRequest
from assistant.tracker_retention import delete_events_before


class Command(BaseCommand):
    help = (
        "Delete the transcripts and messages of closed chats, and the counts of conversations, "
        "older than HANDOFF_TRANSCRIPT_RETENTION_DAYS, and the chat transcripts kept for editors "
        "(Resident feedback) not changed for CHAT_TRANSCRIPT_RETENTION_DAYS, and what the assistant itself kept of "
        "conversations (Rasa's tracker store) older than RASA_TRACKER_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Instead of HANDOFF_TRANSCRIPT_RETENTION_DAYS.")
        parser.add_argument(
            "--chat-transcript-days", type=int, default=None, help="Instead of CHAT_TRANSCRIPT_RETENTION_DAYS."
        )

    def handle(self, *args, days=None, chat_transcript_days=None, **options):
        days = settings.HANDOFF_TRANSCRIPT_RETENTION_DAYS if days is None else days
        now = timezone.now()
        cutoff = now - timedelta(days=days)
        old = HandoffRequest.objects.filter(created_at__lt=cutoff).exclude(status__in=HandoffRequest.ACTIVE)
        messages, _ = ChatMessage.objects.filter(handoff__in=old).delete()
        cleared = old.exclude(transcript=[]).update(transcript=[])
        conversations = delete_conversations_before(cutoff)
        self.stdout.write(
            f"Deleted {messages} chat messages and {conversations} conversation counts, "
            f"and cleared {cleared} transcripts older than {days} days."
        )
        review_days = settings.CHAT_TRANSCRIPT_RETENTION_DAYS if chat_transcript_days is None else chat_transcript_days
        reviewed, _ = ChatTranscript.objects.filter(updated_at__lt=now - timedelta(days=review_days)).delete()
        self.stdout.write(f"Deleted {reviewed} chat transcripts kept for editors, unchanged for {review_days} days.")
        tracker_days = settings.RASA_TRACKER_RETENTION_DAYS
        events = delete_events_before(now - timedelta(days=tracker_days))
        self.stdout.write(
            f"Deleted {events} events the assistant kept of conversations older than {tracker_days} days."
        )
