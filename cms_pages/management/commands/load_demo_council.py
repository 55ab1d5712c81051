from django.core.management.base import BaseCommand

from cms_pages.demo.loader import DemoCouncilLoader


class Command(BaseCommand):
    help = (
        "Load the demo councils: Westmere (the default site, with its address list) and Fellside (fellside.localhost). "
        "Safe to run again: what is there stays."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Rewrite existing demo pages and addresses.")
        parser.add_argument("--hostname", default="localhost", help="Westmere's (the default site's) hostname.")
        parser.add_argument("--port", type=int, default=8000, help="Both councils' port.")

    def handle(self, *args, update=False, hostname="localhost", port=8000, **options):
        result = DemoCouncilLoader(update=update, hostname=hostname, port=port).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo council: {len(result.created)} pages created, {len(result.updated)} updated, "
                f"{result.unchanged} unchanged."
            )
        )
