from django.core.management.base import BaseCommand

from casework.notifications import send_pending_emails
from casework.texts import send_pending_texts


class Command(BaseCommand):
    help = "Retry emails and text messages that could not be sent yet (run every few minutes from cron)."

    def handle(self, *args, **options):
        emails, texts = send_pending_emails(), send_pending_texts()
        self.stdout.write(
            f"Sent {emails['sent']}, still failing {emails['failed']}. "
            f"Texts: sent {texts['sent']}, still failing {texts['failed']}."
        )
