"""Write the page shown when the site fails, with the council's phone number (sitewide/error_page.py)."""

from django.core.management.base import BaseCommand

from sitewide import error_page


class Command(BaseCommand):
    help = "Write the static error page (STATIC_ROOT/errors/500.html) from the council's contact details."

    def handle(self, *args, **options):
        path = error_page.write()
        if path is None:
            self.stdout.write("No STATIC_ROOT (static files come from the finders): the 500 handler renders the page.")
        else:
            self.stdout.write(f"Wrote {path}")
