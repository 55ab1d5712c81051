"""The "Customer-tested publishing" workflow and which pages it governs.

It is assigned page by page to every page of a type marked CustomerTested (cms_pages: task, guide and
step-by-step pages); the page types that live only under those (guide parts, a task's form page) follow
their parent, as Wagtail gives a page its nearest ancestor's workflow. It is not assigned to the home
page, so service areas, the contact page and the standard pages keep Wagtail's default "Moderators
approval" workflow. The data migration creates it and assigns the pages that exist; new governed pages
are assigned when they are created (signals.py). The demo loader publishes revisions directly, which
workflows do not stop.

Nobody publishes a governed page (these types, their guide parts and form pages) directly, whatever
their page permissions: see publishing.py. The workflow's last approval publishes it; the only
other way is the traced emergency route (emergency.py).

One workflow serves every council on the installation: its last task approves a page for the page's own
council only (council_approval.py), and each council's service owners are among its groups.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
    get_page_models,
)

from .council_approval import CouncilApprovalTask
from .models import FocusGroupTask, PlainEnglishTask

WORKFLOW_NAME = "Customer-tested publishing"
SERVICE_OWNERS = "Service owners"
PLAIN_ENGLISH_TASK = "Plain-English check"
FOCUS_GROUP_TASK = "Focus-group test"
APPROVAL_TASK = "Service owner approval"


class CustomerTested:
    """Marks the page types that go through customer-tested publishing: the content's page types inherit it
    (cms_pages sits above this app). A plain mixin with no fields: it changes no table."""


def governed_models():
    """The page types the workflow is assigned to: those marked CustomerTested."""
    return tuple(model for model in get_page_models() if issubclass(model, CustomerTested))


def follows_governed_parent(model, governed):
    """Whether every parent the page type may have is governed (a guide's parts, a task's online form)."""
    parents = model.allowed_parent_page_models()
    return bool(parents) and all(issubclass(parent, governed) for parent in parents)


def governed_page_models():
    """Every governed type: those above and the page types that follow their parent."""
    governed = governed_models()
    followers = (
        model
        for model in get_page_models()
        if not issubclass(model, governed) and follows_governed_parent(model, governed)
    )
    return (*governed, *followers)


def is_governed(page_or_class):
    model = page_or_class if isinstance(page_or_class, type) else page_or_class.specific_class
    return model is not None and issubclass(model, governed_page_models())


def is_customer_tested_workflow(workflow):
    return workflow is not None and workflow.name == WORKFLOW_NAME


def get_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


def get_or_create_workflow():
    """The workflow with its three tasks (used again by tests after a live server empties the database)."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        owners, _ = Group.objects.get_or_create(name=SERVICE_OWNERS)
        access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        owners.permissions.add(*access)
        # The last approval publishes the page as the approver: service owners edit and publish.
        for root in Page.objects.filter(depth=1):
            for codename in ("change_page", "publish_page"):
                GroupPagePermission.objects.get_or_create(
                    group=owners, page=root, permission=Permission.objects.get(codename=codename)
                )
        approval = CouncilApprovalTask.objects.create(name=APPROVAL_TASK)
        approval.groups.set([owners])
        tasks = [
            PlainEnglishTask.objects.create(name=PLAIN_ENGLISH_TASK),
            FocusGroupTask.objects.create(name=FOCUS_GROUP_TASK),
            approval,
        ]
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def approval_task(workflow=None):
    """The workflow's service-owner approval (the task whose groups are every council's service owners)."""
    workflow = workflow or get_workflow()
    if workflow is None:
        return None
    tasks = [task.specific for task in workflow.tasks]
    return next((task for task in tasks if isinstance(task, GroupApprovalTask)), None)


def assign_workflow(page, workflow=None):
    workflow = workflow or get_workflow()
    if workflow and not WorkflowPage.objects.filter(page=page).exists():
        WorkflowPage.objects.create(page=page, workflow=workflow)


def assign_to_governed_pages(workflow=None):
    workflow = workflow or get_or_create_workflow()
    for page in Page.objects.type(*governed_models()):
        assign_workflow(page, workflow)
    return workflow
