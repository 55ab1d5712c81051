"""Sign-in lockout with django-axes, for My Account and the Wagtail admin alike."""
from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, minus its refusal of authenticate() calls without a request.

    Every sign-in over HTTP (My Account, Wagtail's login) passes the request, so it is counted and
    locked out. Code that checks a password directly (the test client's login(), a management
    command) has no client address to lock out, and is let through to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def username(request, credentials):
    """One bucket per account however the name is typed ("Admin", " admin ")."""
    field = settings.AXES_USERNAME_FORM_FIELD if hasattr(settings, "AXES_USERNAME_FORM_FIELD") else "username"
    value = (credentials or {}).get(field)
    if value is None and request is not None:
        value = getattr(request, "data", request.POST).get(field)
    return (value or "").strip().lower() or None
