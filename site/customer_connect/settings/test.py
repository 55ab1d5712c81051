"""Tests: fast hashing, in-memory email, database search unless OpenSearch or Elasticsearch is set."""
import atexit
import os
import shutil
import tempfile
from urllib.parse import urlsplit

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # Tests run in parallel (make test-site, pytest-xdist) clear and fill the cache: each worker its own Redis
    # database (10, 11, ...), as each has its own test database. Redis has 16: at most 6 workers.
    REDIS_URL = urlsplit(REDIS_URL)._replace(path=f"/{10 + int(os.environ['PYTEST_XDIST_WORKER'][2:])}").geturl()  # noqa: F405
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
WHITENOISE_USE_FINDERS = True  # serve static files without collectstatic
STATIC_ROOT = None  # files come from the finders; collectstatic is for production
CASEWORK_UPLOAD_ROOT = tempfile.mkdtemp(prefix="westmere-uploads-")  # uploads never land in the checkout
atexit.register(shutil.rmtree, CASEWORK_UPLOAD_ROOT, ignore_errors=True)  # nor stay behind in /tmp after the run
PAGE_CACHE_SECONDS = 0  # tests roll back the database but not the cache; page-cache tests opt in
SEARCH_RESULTS_CACHE_SECONDS = 0  # the same: search/results_cache's tests opt in
if "database" in WAGTAILSEARCH_BACKENDS:  # noqa: F405 (a search server is configured: this run's own indices)
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"westmere_test_{os.getpid()}_"  # noqa: F405
RASA_TRACKER_DATABASE_URL = ""  # never the checkout's own bot/tracker.db: tests that delete from it give their own
