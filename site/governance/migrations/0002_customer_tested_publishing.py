"""Seed the words to avoid, create the "Service owners" group and the "Customer-tested publishing"
workflow (plain-English check -> focus-group test -> service owner approval), assign it to the task,
guide and step-by-step pages that exist, and let Editors and Moderators record sessions and see the
needs re-testing report. New governed pages are assigned when they are created (governance/signals.py)."""
from django.db import migrations

WORDS_TO_AVOID = {
    "utilise": "use",
    "utilize": "use",
    "facilitate": "help, make possible",
    "in order to": "to",
    "commence": "start",
    "prior to": "before",
    "endeavour": "try",
    "leverage": "use",
    "going forward": "from now on (or leave out)",
    "in accordance with": "under, by",
    "with regard to": "about",
    "in respect of": "about, for",
    "regarding": "about",
    "ascertain": "find out",
    "subsequently": "later, then",
    "notwithstanding": "even though, despite",
    "forthwith": "now, at once",
    "hereby": "(leave out)",
    "herewith": "(leave out)",
    "empower": "let, allow",
    "stakeholder": "people, groups (say who)",
    "key": "important (or leave out)",
    "robust": "strong (or say how)",
    "streamline": "simplify",
    "in the event that": "if",
    "at this point in time": "now",
    "purchase": "buy",
    "assist": "help",
    "require": "need",
    "terminate": "end, stop",
    "whilst": "while",
    "amongst": "among",
    "deem": "think, treat as",
    "disseminate": "share, tell",
    "synergy": "(say what you mean)",
    "transform": "change (say how)",
}
ENTITY_PERMISSIONS = [
    ("focusgroupsession", ["add", "change", "view"]),
    ("focusgrouptaskresult", ["add", "change", "view"]),
    ("wordtoavoid", ["view"]),
    ("pagereview", ["add", "change", "view"]),
]
GOVERNED = ["taskpage", "guidepage", "stepbysteppage"]


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def permission(apps, app_label, model, codename, name):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get_or_create(
        content_type=content_type(apps, app_label, model), codename=codename, defaults={"name": name}
    )[0]


def seed(apps, schema_editor):
    WordToAvoid = apps.get_model("governance", "WordToAvoid")
    for phrase, suggestion in WORDS_TO_AVOID.items():
        WordToAvoid.objects.get_or_create(phrase=phrase, defaults={"suggestion": suggestion})

    Group = apps.get_model("auth", "Group")
    owners, _ = Group.objects.get_or_create(name="Service owners")
    owners.permissions.add(permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"))
    # The last task's approval publishes the page as the approver, so service owners need to edit and publish.
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if root:
        for codename, name in [("change_page", "Can change page"), ("publish_page", "Can publish page")]:
            GroupPagePermission.objects.get_or_create(
                group=owners, page=root, permission=permission(apps, "wagtailcore", "page", codename, name)
            )

    permissions = [
        permission(apps, "governance", "pagereview", "view_governance_reports", "Can view the needs re-testing report")
    ]
    for model, actions in ENTITY_PERMISSIONS:
        permissions += [permission(apps, "governance", model, f"{a}_{model}", f"Can {a} {model}") for a in actions]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PlainEnglishTask = apps.get_model("governance", "PlainEnglishTask")
    FocusGroupTask = apps.get_model("governance", "FocusGroupTask")
    Page = apps.get_model("wagtailcore", "Page")

    workflow, created = Workflow.objects.get_or_create(name="Customer-tested publishing", defaults={"active": True})
    if created:
        approval = GroupApprovalTask.objects.create(
            name="Service owner approval", content_type=content_type(apps, "wagtailcore", "groupapprovaltask")
        )
        approval.groups.add(owners)
        tasks = [
            PlainEnglishTask.objects.create(
                name="Plain-English check", content_type=content_type(apps, "governance", "plainenglishtask")
            ),
            FocusGroupTask.objects.create(
                name="Focus-group test", content_type=content_type(apps, "governance", "focusgrouptask")
            ),
            approval,
        ]
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=order)

    governed = [content_type(apps, "cms_pages", model) for model in GOVERNED]
    for page in Page.objects.filter(content_type__in=governed):
        if not WorkflowPage.objects.filter(page=page).exists():
            WorkflowPage.objects.create(page=page, workflow=workflow)


def unseed(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="Customer-tested publishing").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("cms_pages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
