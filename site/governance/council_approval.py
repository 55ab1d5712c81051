"""Approval by the page's own council: "Service owner approval" (and, in the demo, "Moderators approval").

One installation serves several councils (sitewide.councils), and Wagtail's group approval task lets any member
of its groups approve any page the workflow governs. Here an approver must be in one of the task's groups AND
that group must work for the page's council (Settings > Councils' teams; a group given no council works for the
default one, so a single-council installation behaves exactly as before). The task's groups are every council's
approvers ("Service owners", "Fellside service owners"): a Fellside page is approved by Fellside's alone.

Why this and not one workflow per council: the customer-tested workflow is assigned page by page (workflow.py),
recognised by its name in several places, and a page's in-progress approval keeps its task. One workflow with a
task that asks "does this approver work for this page's council?" changes one rule in one place; adding a
council is adding its group to the task's groups. It is a proxy of Wagtail's GroupApprovalTask (same table,
same admin form), so migration 0006 only relabels the existing task.
"""
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from wagtail.models import GroupApprovalTask, Page, TaskState

from sitewide.council_staff import councils_by_group, pages_of_councils
from sitewide.councils import site_for_page


class CouncilApprovalTask(GroupApprovalTask):
    """A group approval in which each group approves pages of its own councils only."""

    class Meta:
        proxy = True
        verbose_name = "Group approval task, by council"
        verbose_name_plural = "Group approval tasks, by council"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.id:  # Task sets the concrete model's type; a proxy needs its own to come back as itself
            self.content_type = ContentType.objects.get_for_model(type(self), for_concrete_model=False)

    def approving_councils(self, user):
        """The ids of the councils (Sites) whose pages `user` may approve at this task."""
        task_groups = set(self.groups.values_list("pk", flat=True))
        councils = councils_by_group(user)
        return set().union(*(sites for group, sites in councils.items() if group in task_groups))

    def may_approve(self, obj, user):
        if user.is_superuser:
            return True
        if not isinstance(obj, Page):  # a snippet has no council: Wagtail's rule
            return self._user_in_groups(user)
        site = site_for_page(obj)
        return site is not None and site.pk in self.approving_councils(user)

    def user_can_access_editor(self, obj, user):
        return self.may_approve(obj, user)

    def locked_for_user(self, obj, user):
        return not self.may_approve(obj, user)

    def user_can_lock(self, obj, user):
        return self._user_in_groups(user) and self.may_approve(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self.may_approve(obj, user) else []

    def on_action(self, task_state, user, action_name, **kwargs):
        if not self.may_approve(task_state.workflow_state.content_object, user):
            raise PermissionDenied("Only the page's own council's approvers can act on it.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        pages = Page.objects.filter(pages_of_councils(self.approving_councils(user)))
        page_ids = pages.annotate(text_id=Cast("pk", CharField())).values("text_id")  # object_id is text
        return states.filter(workflow_state__object_id__in=Subquery(page_ids))

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve the pages of the councils their group works for"


def make_council_approval(task):
    """Turn a Wagtail group approval task into one by council (the same row: approvals under way carry on)."""
    content_type = ContentType.objects.get_for_model(CouncilApprovalTask, for_concrete_model=False)
    GroupApprovalTask.objects.filter(pk=task.pk).update(content_type=content_type)
    return CouncilApprovalTask.objects.get(pk=task.pk)


def add_approvers(task, group: Group):
    """Let `group` approve at `task`, for the pages of the councils it works for."""
    task = make_council_approval(task)
    task.groups.add(group)
    return task
