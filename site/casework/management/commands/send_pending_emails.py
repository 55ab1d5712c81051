from django.core.management.base import BaseCommand

from casework.notifications import send_pending_emails


class Command(BaseCommand):
    help = "Retry emails that could not be sent yet (run every few minutes from cron)."

    def handle(self, *args, **options):
        counts = send_pending_emails()
        self.stdout.write(f"Sent {counts['sent']}, still failing {counts['failed']}.")
