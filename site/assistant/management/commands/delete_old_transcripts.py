from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from assistant.conversations import delete_conversations_before
from assistant.models import ChatMessage, HandoffRequest


class Command(BaseCommand):
    help = (
        "Delete the transcripts and messages of closed chats, and the counts of conversations, "
        "older than HANDOFF_TRANSCRIPT_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = settings.HANDOFF_TRANSCRIPT_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        old = HandoffRequest.objects.filter(created_at__lt=cutoff).exclude(status__in=HandoffRequest.ACTIVE)
        messages, _ = ChatMessage.objects.filter(handoff__in=old).delete()
        cleared = old.exclude(transcript=[]).update(transcript=[])
        conversations = delete_conversations_before(cutoff)
        self.stdout.write(
            f"Deleted {messages} chat messages and {conversations} conversation counts, "
            f"and cleared {cleared} transcripts older than {days} days."
        )
