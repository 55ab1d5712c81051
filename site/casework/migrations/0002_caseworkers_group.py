"""The Caseworkers group: may use the Wagtail admin, see residents' requests (and their files), and
change their status. No delete: requests are anonymised by retention, never removed by hand."""
from django.db import migrations

PERMISSIONS = [("view_submission", "Can view request"), ("change_submission", "Can change request")]


def add_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    submission_type, _ = ContentType.objects.get_or_create(app_label="casework", model="submission")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permissions = [
        Permission.objects.get_or_create(content_type=submission_type, codename=codename, defaults={"name": name})[0]
        for codename, name in PERMISSIONS
    ]
    access, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name="Caseworkers")
    group.permissions.add(access, *permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Caseworkers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(add_group, remove_group)]
