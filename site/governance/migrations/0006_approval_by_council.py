"""The customer-tested workflow's "Service owner approval" becomes an approval by council (the same task, relabelled:
approvals under way carry on). With one council nothing changes: a group given no council works for the default
one (governance/council_approval.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


WORKFLOW = "Customer-tested publishing"


def relabel(apps, from_model, to_model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    source = ContentType.objects.get_or_create(app_label=from_model[0], model=from_model[1])[0]
    target = ContentType.objects.get_or_create(app_label=to_model[0], model=to_model[1])[0]
    task_ids = WorkflowTask.objects.filter(workflow__name=WORKFLOW).values_list("task_id", flat=True)
    Task.objects.filter(pk__in=list(task_ids), content_type=source).update(content_type=target)


def by_council(apps, schema_editor):
    relabel(apps, ("wagtailcore", "groupapprovaltask"), ("governance", "councilapprovaltask"))


def by_group(apps, schema_editor):
    relabel(apps, ("governance", "councilapprovaltask"), ("wagtailcore", "groupapprovaltask"))


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0005_area_thresholds_and_review_reminders'),
        ('wagtailcore', '0098_apitoken'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CouncilApprovalTask',
            fields=[
            ],
            options={
                'verbose_name': 'Group approval task, by council',
                'verbose_name_plural': 'Group approval tasks, by council',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('wagtailcore.groupapprovaltask',),
        ),
        migrations.AlterField(
            model_name='serviceareaowner',
            name='user',
            field=models.ForeignKey(help_text="A member of the service owners group of the area's council, with an email address.", on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(by_council, by_group),
    ]
