"""Anonymising requests: after CASEWORK_RETENTION_MONTHS, or when a resident deletes their data."""
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Notification, Submission, TextMessage, Upload


def retention_cutoff(now=None, months=None):
    months = settings.CASEWORK_RETENTION_MONTHS if months is None else months
    return (now or timezone.now()) - timedelta(days=round(months * 30.44))


def anonymise(submissions):
    """Keep the reference, task, dates and statuses (for statistics); remove everything personal."""
    count = 0
    now = timezone.now()
    for submission in submissions.filter(anonymised_at__isnull=True):
        for upload in Upload.objects.filter(submission=submission):
            upload.delete()
        submission.history.update(note="")
        Notification.objects.filter(submission=submission).delete()
        TextMessage.objects.filter(submission=submission).delete()
        Submission.objects.filter(pk=submission.pk).update(
            form_data={}, answers=[], email="", phone="", postcode="", uprn="", user=None, status_note="",
            chat_transcript=[], anonymised_at=now,
        )
        count += 1
    return count


def anonymise_old_submissions(now=None, months=None):
    cutoff = retention_cutoff(now, months)
    count = anonymise(Submission.objects.filter(submit_time__lt=cutoff))
    # Files uploaded on forms that were never sent
    stale = timezone.now() - timedelta(days=1)
    for upload in Upload.objects.filter(submission__isnull=True, created_at__lt=stale):
        upload.delete()
    return count
