"""Service owners and a Managers group see the outcomes dashboard."""
from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="outcomes", model="dashboard")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_outcomes_dashboard",
        defaults={"name": "Can view the outcomes dashboard"},
    )
    managers, _ = Group.objects.get_or_create(name="Managers")
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    managers.permissions.add(permission, *admin_access)
    for group in Group.objects.filter(name="Service owners"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_customer_tested_publishing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
