"""Local development: debug on, console email, embedded services."""
from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
WHITENOISE_USE_FINDERS = True  # serve static files without collectstatic
STATIC_ROOT = None  # files come from the finders; collectstatic is for production
