from django.conf import settings
from django.core.management.base import BaseCommand

from casework.retention import anonymise_old_submissions


class Command(BaseCommand):
    help = "Remove personal details from requests older than CASEWORK_RETENTION_MONTHS (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=float, default=None, help="Override CASEWORK_RETENTION_MONTHS")

    def handle(self, *args, months=None, **options):
        months = settings.CASEWORK_RETENTION_MONTHS if months is None else months
        count = anonymise_old_submissions(months=months)
        self.stdout.write(f"Anonymised {count} request(s) older than {months:g} months.")
