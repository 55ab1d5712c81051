"""Let the groups that read resident feedback (those with the dashboard's permission: Editors, Moderators and
Service owners) read the chat transcripts kept for editors."""
from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="assistant", model="chattranscript")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_chat_transcripts",
        defaults={"name": "Can read chat transcripts"},
    )
    for group in Group.objects.filter(
        permissions__content_type__app_label="feedback", permissions__codename="view_feedback_dashboard"
    ).distinct():
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_chat_answer_feedback"),
        ("assistant", "0006_chat_transcripts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
