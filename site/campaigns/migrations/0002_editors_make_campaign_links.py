"""Editors, Moderators and Service owners make campaign links (and see their QR codes and visits)."""
from django.db import migrations

CODENAMES = ["add_campaignlink", "change_campaignlink", "view_campaignlink", "delete_campaignlink"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model="campaignlink")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} campaign link"},
        )[0]
        for codename in CODENAMES
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators", "Service owners"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("governance", "0002_customer_tested_publishing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
