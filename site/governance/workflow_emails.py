"""Wagtail's customer-testing emails (a page submitted, waiting at a task, approved, not approved) speak for the
page's council: they come from its sender, link to the admin on its own host and sign off with its name
(templates/wagtailadmin/notifications/base.txt). Wagtail sent them all from DEFAULT_FROM_EMAIL with links to
WAGTAILADMIN_BASE_URL: the default council's. They go through the outbox (casework.notifications), as every other
email does, so a mail server that is down loses none. A page waiting at an approval task by council is announced to
the approvers who may approve it (its own council's), not to every council's.

Wagtail connects its own notifiers when wagtailadmin is ready; `connect()` puts these in their place under Wagtail's
dispatch_uids, so each signal has one notifier whichever app is ready first.
"""
from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.admin import mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from casework.notifications import queue_email
from sitewide import council_emails

from .council_approval import CouncilApprovalTask


class FromThePagesCouncil:
    """For a Wagtail email notifier: each email queued from the page's council, with its name and its host."""

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        council = council_emails.for_page(context.get("page"))  # a snippet has no council: the default one's
        return {**context, **council.context(), "council_email": council, "admin_base_url": council.url()}

    def send_notifications(self, template_set, context, recipients, **kwargs):
        council = context["council_email"]
        for recipient in recipients:
            context["user"] = recipient
            with override(recipient.wagtail_userprofile.get_preferred_language()):
                subject = render_to_string(template_set["subject"], context).strip()
                body = render_to_string(template_set["text"], context).strip()
            queue_email(recipient.email, subject, body, sender=council.sender)
        return True


class TaskSubmitted(FromThePagesCouncil, mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    def get_recipient_users(self, task_state, **kwargs):
        """Wagtail's (the task's groups' members and the superusers), less those the task lets approve none of the
        page's council's pages."""
        users = super().get_recipient_users(task_state, **kwargs)
        task = task_state.task.specific
        if not isinstance(task, CouncilApprovalTask):
            return users
        page = task_state.workflow_state.content_object
        return [user for user in users if task.may_approve(page, user)]


class WorkflowSubmitted(FromThePagesCouncil, mail.WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApproved(FromThePagesCouncil, mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejected(FromThePagesCouncil, mail.WorkflowStateRejectionEmailNotifier):
    pass


# (signal, sender, notifier, Wagtail's dispatch_uid for it: wagtail.admin.signal_handlers)
NOTIFIERS = [
    (task_submitted, TaskState, TaskSubmitted(), "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, WorkflowSubmitted(), "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, WorkflowRejected(), "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, WorkflowApproved(), "workflow_state_approved_email_notification"),
]


def connect():
    for signal, sender, notifier, dispatch_uid in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)  # Wagtail's, if wagtailadmin was ready first
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)  # Wagtail's own connect then adds none
