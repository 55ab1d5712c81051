"""Editors and Moderators, who record focus-group sessions, may make remote tests and send their invitations.
Seeing panel members' email addresses is a separate permission, given to nobody here: an administrator grants it."""
from django.db import migrations

ACTIONS = {"remotetest": ["add", "change", "view"], "remotetesttask": ["add", "change", "delete", "view"]}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = []
    for model, actions in ACTIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="resident_panel", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            permissions.append(permission)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("resident_panel", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),  # the Editors and Moderators groups exist
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
