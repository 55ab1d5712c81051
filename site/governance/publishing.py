"""Governed pages go live only through "Customer-tested publishing", and every publish says which gates it passed.

Three parts, all enforced below Wagtail's views so that every way in is covered:

- `GovernedPagePermissionTester`: for a governed page (workflow.is_governed), `can_publish()` and
  `can_publish_subpage()` are False for everyone, superusers included. Wagtail then hides the
  Publish buttons, refuses bulk publish, and refuses `revision.publish(user=...)` (the edit view,
  a revert, scheduling, any API) with PublishPermissionError. Unpublishing, unscheduling and view
  restrictions keep Wagtail's rules. It is set on the governed page types in apps.ready().
- `finish_workflow` (settings.WAGTAIL_FINISH_WORKFLOW_ACTION, via workflow_finish.py): when "Customer-tested publishing"
  finishes, it records the gates the revision passed and publishes it without the permission check
  above (the workflow *is* the check). Other workflows publish as Wagtail does.
- `record_publication` (page_published signal): completes the record written before the publish, or,
  for a publish with no record (the demo loader, an import, a copy kept live), records one that
  passed no gate. Either way it writes a "Publish gates" entry in the page's history.

A system task publishing with no user (the demo loader, `load_pages`, `publish_scheduled`) is not
stopped: what it publishes without the workflow is listed as never tested (retesting.py).
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import PagePermissionTester, TaskState

from .models import PublicationRecord
from .workflow import is_customer_tested_workflow, is_governed

LOG_ACTION = "governance.publish_gates"
REFUSAL = (
    "Task, guide and step-by-step pages go live only after customer testing. Your changes are saved as a "
    'draft: to publish them, choose "Submit to Customer-tested publishing" under More actions.'
)


class GovernedPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return False if is_governed(self.page) else super().can_publish()

    def can_publish_subpage(self):
        return False if is_governed(self.page) else super().can_publish_subpage()

    def can_unschedule(self):
        return super().can_publish()

    def can_set_view_restrictions(self):
        return super().can_publish()


def governed_permissions_for_user(page, user):
    """`permissions_for_user` of the governed page types (Wagtail's documented way to change them)."""
    return GovernedPagePermissionTester(user, page)


def workflow_gates(workflow_state):
    """The tasks the workflow state passed, in the workflow's order, with what each one found."""
    approved = {}
    states = TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
    for state in states.select_related("task", "finished_by").order_by("finished_at", "pk"):
        approved[state.task_id] = state  # the last approval of each task counts
    gates = []
    for task in workflow_state.workflow.tasks:
        state = approved.get(task.pk)
        if state is None:
            continue
        by = state.finished_by.get_username() if state.finished_by else ""
        gates.append({"gate": task.name, "passed": True, "detail": state.comment or f"approved by {by}", "by": by})
    return gates


def finish_workflow(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the approved revision, saying which gates it passed."""
    revision = workflow_state.content_object.get_latest_revision()
    if not is_customer_tested_workflow(workflow_state.workflow):
        revision.publish(user=user)  # Wagtail's own action, with its permission check
        return
    with transaction.atomic():
        PublicationRecord.objects.create(
            page_id=revision.object_id,
            revision=revision,
            route=PublicationRecord.Route.WORKFLOW,
            user=user,
            gates=workflow_gates(workflow_state),
        )
        revision.publish(user=user, skip_permission_checks=True)


def record_publication(sender, instance, revision=None, **kwargs):
    """page_published: complete the record written before the publish, or write one with no gates."""
    page = instance
    record = None
    if revision is not None:
        record = (
            PublicationRecord.objects.filter(page_id=page.pk, revision=revision, published_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
    if record is None:
        record = PublicationRecord(
            page_id=page.pk,
            revision=revision,
            route=PublicationRecord.Route.DIRECT,
            user=revision.user if revision is not None else None,
        )
    record.published_at = timezone.now()
    record.save()
    log(
        instance=page,
        action=LOG_ACTION,
        user=record.user,
        revision=revision,
        data={
            "route": record.route,
            "gates": record.gates,
            "reason": record.reason,
            "plain_english_overridden": record.plain_english_overridden,
            "governed": is_governed(page),
        },
    )


def describe_gates(data):
    """The history's one-line message for a "Publish gates" entry."""
    route = data.get("route")
    gates = data.get("gates") or []
    passed = "; ".join(f"{gate['gate']}: {gate['detail']}" for gate in gates)
    if route == PublicationRecord.Route.WORKFLOW:
        return f"Passed every gate of Customer-tested publishing. {passed}"
    if route == PublicationRecord.Route.EMERGENCY:
        return f"Published without customer testing (emergency). Reason: {data.get('reason', '')}. {passed}".strip()
    if data.get("governed"):
        return "Published without the workflow: no gate passed (a system task, such as the demo loader or an import)."
    return "Published without Customer-tested publishing (not a governed page)."
