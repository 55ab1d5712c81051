"""The "Customer-tested publishing" workflow and which pages it governs.

It is assigned page by page to every task, guide and step-by-step page (guide parts, and a task's
form page, follow their parent), not to the home page, so service areas, the contact page and the
standard pages keep Wagtail's default "Moderators approval" workflow. The data migration creates
it and assigns the pages that exist; new governed pages are assigned when they are created
(signals.py). The demo loader publishes revisions directly, which workflows do not stop.

Nobody publishes a governed page (these types, their guide parts and form pages) directly, whatever
their page permissions: see publishing.py. The workflow's last approval publishes it; the only
other way is the traced emergency route (emergency.py).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from cms_pages.models import GuidePage, GuidePartPage, StepByStepPage, TaskFormPage, TaskPage

from .models import FocusGroupTask, PlainEnglishTask

WORKFLOW_NAME = "Customer-tested publishing"
SERVICE_OWNERS = "Service owners"
PLAIN_ENGLISH_TASK = "Plain-English check"
FOCUS_GROUP_TASK = "Focus-group test"
APPROVAL_TASK = "Service owner approval"


def governed_models():
    """The page types the workflow is assigned to."""
    return (TaskPage, GuidePage, StepByStepPage)


def governed_page_models():
    """Every governed type: those above and the pages that follow their parent (guide parts, forms)."""
    return (*governed_models(), GuidePartPage, TaskFormPage)


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
        approval = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
        approval.groups.set([owners])
        tasks = [
            PlainEnglishTask.objects.create(name=PLAIN_ENGLISH_TASK),
            FocusGroupTask.objects.create(name=FOCUS_GROUP_TASK),
            approval,
        ]
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def assign_workflow(page, workflow=None):
    workflow = workflow or get_workflow()
    if workflow and not WorkflowPage.objects.filter(page=page).exists():
        WorkflowPage.objects.create(page=page, workflow=workflow)


def assign_to_governed_pages(workflow=None):
    workflow = workflow or get_or_create_workflow()
    for page in Page.objects.type(*governed_models()):
        assign_workflow(page, workflow)
    return workflow
