"""The "Emergency publishers" group: they may publish a governed page without customer testing, with a
reason (governance/emergency.py). They edit pages, see the re-testing report and use the admin."""
from django.db import migrations


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _ = Group.objects.get_or_create(name="Emergency publishers")
    group.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        permission(
            apps,
            "governance",
            "publicationrecord",
            "publish_in_emergency",
            "Can publish governed pages without customer testing, giving a reason",
        ),
        permission(apps, "governance", "pagereview", "view_governance_reports", "Can view the needs re-testing report"),
    )
    root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if root:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=permission(apps, "wagtailcore", "page", "change_page", "Can change page")
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Emergency publishers").delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_publication_records")]

    operations = [migrations.RunPython(create_group, remove_group)]
