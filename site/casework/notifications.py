"""Emails to residents and staff, sent by a background task from an outbox that survives failures.

`queue_email` writes a Notification row first and then enqueues `deliver_notification`. If the email
backend fails, the row stays "pending" with the error: with a queue that can defer (the database
backend, TASKS_BACKEND=database) the task re-enqueues itself with a back-off (CASEWORK_EMAIL_RETRY_SECONDS,
doubled after each failure); with any backend, `manage.py send_pending_emails` (run it from cron) retries
what is still pending. A request is saved before any of this, so a failing mail server never loses it.
Text messages (casework.texts) go through an outbox of their own in the same way.
"""
import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from sitewide.councils import council_for_page, email_sender, public_url, site_for_page

from . import outbox, texts
from .models import Notification

logger = logging.getLogger(__name__)


def queue_email(to_email, subject, body, submission=None, sender=""):
    """`sender`: who it comes from (sitewide.council_emails: the council it speaks for); empty: as sender() says."""
    notification = Notification.objects.create(
        submission=submission, to_email=to_email, subject=subject, body=body, from_email=sender
    )
    enqueue(notification.pk)  # views run in autocommit, so the row is already saved
    return notification


def enqueue(notification_id, run_after=None):
    outbox.enqueue_delivery(deliver_notification, notification_id, run_after)


@task()
def deliver_notification(notification_id):
    return outbox.deliver_pending(Notification, notification_id, attempt_delivery)


def attempt_delivery(notification):
    return outbox.attempt_delivery(notification, send_email, deliver_notification)


def send_email(notification):
    send_mail(notification.subject, notification.body, sender(notification), [notification.to_email])


def sender(notification):
    """The sender it was written with; else a request's emails come from the council whose site its form is on, and
    any other from the default sender."""
    if notification.from_email:
        return notification.from_email
    submission = notification.submission
    return email_sender(council_for_page(submission.page) if submission is not None else None)


def council_context(submission):
    """The council an email about `submission` speaks for, and its tracking page."""
    site = site_for_page(submission.page)
    return {"council": council_for_page(submission.page), "track_url": public_url(site, "/track/")}


def send_pending_emails():
    return outbox.send_pending(Notification, attempt_delivery)


def send_request_emails(submission, definition):
    """When a request is sent and nothing is left to pay: the resident's confirmation and the team's email, and a
    text saying we have it if the resident wants texts. The confirmation email goes whatever they chose: it is their
    receipt. `definition` is the form's (casework.intake.definition.FormDefinition): its next steps, its team's
    address and the answers as an email may show them. A "tell us once" request's confirmation lists its parts.
    """
    answers = definition.answers_for_email(submission.answers)
    send_confirmation_email(submission, answers, definition.thank_you_text)
    parts = list(submission.parts_in_order)  # a "tell us once" request (casework.intake.parts)
    if not parts:
        send_team_email(submission, answers, definition.team_address)
    teams = {service.form_id: service.team_address for service in definition.services}
    for part in parts:  # each service's team hears of its own part, not of the whole
        send_team_email(part, definition.answers_for_email(part.answers), teams.get(part.page_id))
    if texts.wants_texts(submission):
        texts.send_received_text(submission)


def send_confirmation_email(submission, answers, next_steps=""):
    """What the confirmation page says: the reference, whether it is paid, and what happens next (the service
    standard, then the form's own next steps)."""
    if not submission.email:
        return None
    body = render_to_string(
        "casework/emails/confirmation.txt",
        {"submission": submission, "answers": answers, "next_steps": next_steps, **council_context(submission)},
    )
    return queue_email(submission.email, f"We have your request {submission.reference}", body, submission)


def send_status_email(submission):
    body = render_to_string("casework/emails/status.txt", {"submission": submission, **council_context(submission)})
    return queue_email(
        submission.email, f"Your request {submission.reference} is now: {submission.status_label}", body, submission
    )


def send_team_email(submission, answers, to_address):
    """To the form's team, with a link to the admin on its council's host."""
    if not to_address:
        return None
    admin_url = public_url(site_for_page(submission.page), "/admin/")
    body = render_to_string("casework/emails/team.txt", {
        "submission": submission, "answers": answers, "admin_url": admin_url, **council_context(submission)})
    return queue_email(to_address, f"New request {submission.reference}: {submission.task_title}", body, submission)
