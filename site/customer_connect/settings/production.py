"""Production: refuses to start in debug, with the default secret, without a shared cache or the
site's public address; HTTPS only (HSTS); hashed, compressed static files. The areas follow base.py's."""
import logging

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# --- Core Django ------------------------------------------------------------------------------------------
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
if SECRET_KEY == "insecure-dev-only-key":  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.")
if not env("SITE_BASE_URL", default=""):  # noqa: F405
    raise ImproperlyConfigured(
        "Set SITE_BASE_URL to the site's public address (https://www.example.org): links in emails, "
        "canonical and og:url addresses are built from it."
    )
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_BASE_URL)  # noqa: F405

# --- Database and cache -----------------------------------------------------------------------------------
# Rate limits, sign-in lockouts, the chat circuit breaker and the page cache must be shared by every
# gunicorn worker: with a per-process cache, N workers let N times the limit through.
if not REDIS_URL:  # noqa: F405
    if not env.bool("DJANGO_ALLOW_LOCAL_CACHE", default=False):  # noqa: F405
        raise ImproperlyConfigured(
            "Set REDIS_URL: rate limits and sign-in lockouts need a cache shared by every worker. "
            "(DJANGO_ALLOW_LOCAL_CACHE=true runs without one, for a single-process trial only.)"
        )
    logging.getLogger("customer_connect").warning(
        "WARNING: no REDIS_URL. Each worker keeps its own rate limits and lockouts, so they are "
        "multiplied by the number of workers. Do not run like this in production."
    )

# --- Static files, uploads and request sizes --------------------------------------------------------------
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# --- Security and proxies ---------------------------------------------------------------------------------
# Behind the reverse proxy on the same machine (deploy/README.md); set TRUSTED_PROXIES for others.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # the load balancer's health check speaks plain HTTP
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)  # noqa: F405
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)  # noqa: F405 (listing is a separate, manual step)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Assistant and chat -----------------------------------------------------------------------------------
if not BOT_API_TOKEN:  # noqa: F405
    raise ImproperlyConfigured("Set BOT_API_TOKEN so only the action server can call the bot API.")

# --- Email and background tasks ---------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")  # noqa: F405
EMAIL_HOST = env("EMAIL_HOST", default="localhost")  # noqa: F405
EMAIL_PORT = env.int("EMAIL_PORT", default=25)  # noqa: F405
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")  # noqa: F405
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")  # noqa: F405
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)  # noqa: F405
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # noqa: F405  (a stuck SMTP server must not hold the worker)
