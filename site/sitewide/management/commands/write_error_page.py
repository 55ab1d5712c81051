"""Write the pages shown when the site fails, one per council with its phone number (sitewide/error_page.py)."""

from django.core.management.base import BaseCommand

from sitewide import error_page


class Command(BaseCommand):
    help = (
        "Write the static error pages (STATIC_ROOT/errors/500-<hostname>.html for each council's site, 500.html for "
        "the default site) from each council's contact details."
    )

    def handle(self, *args, **options):
        paths = error_page.write_all()
        if not paths:
            self.stdout.write("No STATIC_ROOT (static files come from the finders): the 500 handler renders the page.")
        for path in paths:
            self.stdout.write(f"Wrote {path}")
