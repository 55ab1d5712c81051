"""Service owners may update the assistant and roll it back (superusers may anyway)."""
from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="assistant_updates", model="assistantupdate")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="run_assistant_update",
        defaults={"name": "Can update the chat assistant and roll it back"},
    )
    for group in Group.objects.filter(name="Service owners"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("assistant_updates", "0001_initial"),
        ("governance", "0002_customer_tested_publishing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
