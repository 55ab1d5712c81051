"""The Customer service group: may use the Wagtail admin and answer live chats."""
from django.db import migrations


def add_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    handoff_type, _ = ContentType.objects.get_or_create(app_label="assistant", model="handoffrequest")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    handle, _ = Permission.objects.get_or_create(
        content_type=handoff_type, codename="handle_live_chat", defaults={"name": "Can pick up and answer live chats"}
    )
    access, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name="Customer service")
    group.permissions.add(handle, access)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Customer service").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0002_live_chat"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(add_group, remove_group)]
