"""Recording one invitation's answers, once: a second send of the form changes nothing."""

from django.db import IntegrityError, transaction

from kit.redaction import redact

from .gate import record_session
from .models import COMMENT_MAX_LENGTH, Invitation, RemoteTestResponse, TaskAnswer


def find_invitation(token):
    return Invitation.objects.select_related("test__revision", "response").filter(token=token).first()


def has_answered(invitation):
    return RemoteTestResponse.objects.filter(invitation=invitation).exists()


def record_answers(invitation, answers):
    """Keep the answers against the invitation and the revision it showed, then update the test's focus-group
    session. False (and nothing changed) if this invitation has already answered."""
    try:
        with transaction.atomic():
            response = RemoteTestResponse.objects.create(invitation=invitation, revision=invitation.test.revision)
            TaskAnswer.objects.bulk_create(
                TaskAnswer(
                    response=response,
                    task=task,
                    managed=managed,
                    ease=ease,
                    in_the_way=redact(in_the_way, max_length=COMMENT_MAX_LENGTH),  # kept without personal details
                )
                for task, managed, ease, in_the_way in answers
            )
    except IntegrityError:  # answered in another tab a moment ago
        return False
    record_session(invitation.test)
    return True
