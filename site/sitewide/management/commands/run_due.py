import time
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sitewide.scheduled import run_due


class Command(BaseCommand):
    help = "Run the scheduled jobs that are due (sitewide.scheduled); --loop N keeps running them every N seconds."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="Run again every N seconds (make run, make prod).")
        parser.add_argument("--now", default="", help="The time to run at, ISO 8601 (tests and trials).")

    def handle(self, *args, loop=0, now="", **options):
        while True:
            results = run_due(self.moment(now))
            for name, said in results.items():
                self.stdout.write(f"{name}: {said}")
            if not loop:
                return
            time.sleep(loop)

    def moment(self, now):
        if not now:
            return timezone.now()
        try:
            moment = datetime.fromisoformat(now)
        except ValueError as error:
            raise CommandError(f"--now is not an ISO 8601 time: {now!r}") from error
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
