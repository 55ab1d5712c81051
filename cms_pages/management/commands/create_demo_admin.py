from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo admin login for local use (skipped if the user exists)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default="westmere-demo")

    def handle(self, *args, username, password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return
        User.objects.create_superuser(username=username, email="admin@example.org", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created the demo admin user {username!r}."))
