"""Who may see the Resident feedback dashboard, and teach the assistant from it."""

from functools import wraps

from django.core.exceptions import PermissionDenied

PERMISSION = "feedback.view_feedback_dashboard"


def can_view(user):
    return user.is_active and user.has_perm(PERMISSION)


def viewers_only(view):
    """The view, refused (403) to anyone who may not see the dashboard."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
