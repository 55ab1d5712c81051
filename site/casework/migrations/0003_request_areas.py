"""Issue 20: requests are seen by the teams of their service areas. RequestArea links a group to the service area
whose requests it handles (no area: every service). Customer service, who take calls about any service and update
requests for callers, handle every area; the Caseworkers group keeps its permissions but, with no area, sees none:
the demo council gives each service area its own team ("Caseworkers: Bins and recycling", ...)."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PERMISSIONS = [("view_submission", "Can view request"), ("change_submission", "Can change request")]


def customer_service_handles_every_area(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    RequestArea = apps.get_model("casework", "RequestArea")
    submission_type, _ = ContentType.objects.get_or_create(app_label="casework", model="submission")
    permissions = [
        Permission.objects.get_or_create(content_type=submission_type, codename=codename, defaults={"name": name})[0]
        for codename, name in PERMISSIONS
    ]
    group, _ = Group.objects.get_or_create(name="Customer service")
    group.permissions.add(*permissions)
    RequestArea.objects.get_or_create(group=group, area=None)


def undo(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Customer service").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="casework", codename__in=[codename for codename, _ in PERMISSIONS]
        ))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_caseworkers_group"),
        ("assistant", "0003_customer_service_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RequestArea",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "area",
                    models.ForeignKey(
                        blank=True,
                        help_text=(
                            "The service area whose requests the team handles. Leave empty for every service area."
                        ),
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="request_areas", to="auth.group"
                    ),
                ),
            ],
            options={
                "verbose_name": "team's service area",
                "verbose_name_plural": "teams' service areas",
                "constraints": [models.UniqueConstraint(fields=("group", "area"), name="casework_request_area_once")],
            },
        ),
        migrations.RunPython(customer_service_handles_every_area, undo),
    ]
