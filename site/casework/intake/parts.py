"""Tell us once: a form that several services need (moving home) is sent once, and each service the resident
chose gets its own request, a part of the one they sent: its own reference, status and due date, and it belongs
to that service's own online form, so only that service's team sees it (casework.access). The request the
resident sent holds the parts together: they track it, and every part, by its reference."""
from django.utils import timezone

from casework.models import Submission
from kit.working_days import add_working_days

from .definition import SERVICES_QUESTION


def file_parts(parent, definition):
    """One request for each service the resident chose, under `parent`; none for a service not chosen."""
    answers = [row for row in parent.answers if row[0] != _services_label(definition)]
    data = {name: value for name, value in parent.form_data.items() if name != SERVICES_QUESTION}
    parts = []
    for service in definition.services_chosen(parent.form_data):
        part = Submission(
            parent=parent,
            page_id=service.form_id,
            task_title=service.task_title,
            form_data=data,
            answers=answers,
            service_standard=service.service_standard,
            working_days=service.working_days,
            due_by=add_working_days(timezone.localdate(), service.working_days) if service.working_days else None,
            **{name: getattr(parent, name) for name in SHARED_WITH_PARTS},
        )
        part.save()
        parts.append((part, service))
    return parts


# What a part has of the request the resident sent: who it is from, and how it came
SHARED_WITH_PARTS = (
    "email", "phone", "postcode", "uprn", "user", "channel", "contact_by", "campaign", "taken_by", "handoff"
)


def _services_label(definition):
    return next((q.label for q in definition.questions if q.name == SERVICES_QUESTION), None)
