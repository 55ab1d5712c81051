from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from places.models import Councillor

# The demo council's staff, one of each kind, signing in with the admin's password (README, "Demo council").
DEMO_STAFF = [
    ("customer.service", "Cass", "Adviser", "Customer service"),
    ("caseworker.bins", "Wendy", "Waste", "Caseworkers: Bins and recycling"),
    ("data.protection", "Dana", "Officer", "Data protection officer"),
    ("service.manager", "Morgan", "Manager", "Managers"),
    # The second demo council's (each made only where that council is loaded): its own customer service and
    # editors, and the customer-service team both councils share (live chats and requests of both, labelled).
    ("fellside.service", "Fenna", "Adviser", "Fellside customer service"),
    ("fellside.editor", "Finn", "Editor", "Fellside editors"),
    ("shared.service", "Sam", "Adviser", "Shared customer service"),
]
# A ward councillor of the demo's Town Centre ward (WM1 1AA), who signs in to see their ward.
DEMO_COUNCILLOR = ("councillor.carter", "Anne Carter")


class Command(BaseCommand):
    help = "Create the demo admin login and one demo member of staff of each kind (each skipped if it exists)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default="westmere-demo")

    def handle(self, *args, username, password, **options):
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username=username, email="admin@example.org", password=password)
            self.stdout.write(self.style.SUCCESS(f"Created the demo admin user {username!r}."))
        for login, first, last, group_name in DEMO_STAFF:
            group = Group.objects.filter(name=group_name).first()
            if group is None or User.objects.filter(username=login).exists():
                continue
            user = User.objects.create_user(login, f"{login}@example.org", password, first_name=first, last_name=last)
            user.groups.add(group)
            self.stdout.write(self.style.SUCCESS(f"Created the demo {group_name} login {login!r}."))
        self.councillor(password)

    def councillor(self, password):
        login, name = DEMO_COUNCILLOR
        councillor = Councillor.objects.filter(name=name, user__isnull=True).first()
        group = Group.objects.filter(name="Councillors").first()
        if councillor is None or group is None or get_user_model().objects.filter(username=login).exists():
            return
        first, last = name.split(" ", 1)
        user = get_user_model().objects.create_user(login, councillor.email, password, first_name=first, last_name=last)
        user.groups.add(group)
        councillor.user = user
        councillor.save(update_fields=["user"])
        self.stdout.write(self.style.SUCCESS(f"Created the demo councillor login {login!r} ({councillor.ward})."))
