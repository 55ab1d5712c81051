"""Production-safe base settings: DEBUG off, secrets and services from the environment.

Every environment variable is read here (or in production.py) once, at start-up, and nowhere else in the
site; `.env.example` at the repository root lists each one under the same headings, with its default
(tests/deploy/test_settings_env.py keeps the two in step). The headings, in order: core Django; database and
cache; Wagtail and content governance; static files, uploads and request sizes; security and proxies;
sign-in and My Account; search; assistant and chat; updating the assistant; casework and online forms;
email and background tasks; rate limits; logging.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ

# Search backends from OPENSEARCH_URL / ELASTICSEARCH_URL (search_backends.py: it imports nothing of Django's
# models or apps, so it is safe to import here, before the apps are loaded).
from .search_backends import backends_from_env

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SITE_DIR.parent  # repository root

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# --- Core Django ------------------------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-only-key")
# Old keys still accepted for signatures (sessions, reset links) while a new key rolls out (deploy/RUNBOOK.md).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
# ".localhost": each demo council's own host (westmere.localhost, fellside.localhost), which browsers resolve to
# the loopback address.
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "sitewide",
    "places",
    "assistant",
    "casework",
    "accounts",
    "governance",
    "feedback",
    "residents",
    "councillors",
    "complaints",
    "campaigns",
    "service_status",
    "bin_calendar",
    "subscriptions",
    "resident_panel",
    "directories",
    "assistant_updates",
    "cms_pages",
    "search",
    "outcomes",
    "mergers",  # manage.py merge_councils: above the apps whose rows a merger moves
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sitewide.security_headers.SecurityHeadersMiddleware",  # Content-Security-Policy, Permissions-Policy
    "sitewide.request_guards.RequestSizeLimitMiddleware",
    "sitewide.request_guards.NulByteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (static files are pre-compressed), before the page cache (cached pages are
    # kept uncompressed and gzipped on the way out): see sitewide/compression.py.
    "sitewide.compression.TextGZipMiddleware",
    "cms_pages.answer_pages.AskLinkMiddleware",  # a chat-question link goes to its answer page, before the cache
    "sitewide.page_cache.PageCacheMiddleware",
    "sitewide.current_site.CurrentSiteMiddleware",  # after the page cache: a cached page needs no site
    "sitewide.merged_councils.MergedCouncilMiddleware",  # a merged council's bot API and search: the new council
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the "Too many attempts" page
]

ROOT_URLCONF = "customer_connect.urls"
WSGI_APPLICATION = "customer_connect.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "sitewide.context_processors.sitewide",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Database and cache -----------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "sitewide.redis_cache.SharedClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous visitors get cached pages for this long; publishing clears the cache (0 turns it off).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# How long nginx may keep a page this site's page cache keeps (sitewide/page_cache.py); 0: nginx keeps none.
PROXY_PAGE_CACHE_SECONDS = env.int("PROXY_PAGE_CACHE_SECONDS", default=1)

# --- Wagtail and content governance -----------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Westmere District Council"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# Customer-tested publishing (governance/publishing.py): the workflow's last approval publishes and
# records the gates passed; an edit during a workflow must pass every task again.
WAGTAIL_FINISH_WORKFLOW_ACTION = "governance.workflow_finish.finish_workflow"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# --- Static files, uploads and request sizes --------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Residents' files attached to online forms (casework).
CASEWORK_UPLOAD_ROOT = env.path("CASEWORK_UPLOAD_ROOT", default=BASE_DIR / "private_uploads")  # not web-served
CASEWORK_UPLOAD_MAX_BYTES = env.int("CASEWORK_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

# Request bodies: larger ones are refused from their Content-Length before being read (413).
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=CASEWORK_UPLOAD_MAX_BYTES + 1024 * 1024)
ADMIN_REQUEST_BODY_MAX_BYTES = env.int("ADMIN_REQUEST_BODY_MAX_BYTES", default=100 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)  # form fields, JSON

# --- Security and proxies ---------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the chat widget reads the token to send it in a header
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # staff avatars come from the site, not from a third party
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin calls no third-party site (and the CSP would block it)
# Staff cannot change their own address on the admin's account page (issue 20: an editor took a resident's address);
# an administrator changes it under Users, and any change forgets a My Account confirmation (accounts.signals).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# The client's address, for rate limits and sign-in lockouts. X-Forwarded-For is believed only when
# it was added by one of these proxies (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8"): the
# reverse proxy in front of gunicorn. Empty: the socket address is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
RATELIMIT_IP_META_KEY = "sitewide.client_ip.client_ip"

# --- Sign-in lockout and My Account -----------------------------------------------------------------------

# Sign-in lockout (django-axes) on My Account and the Wagtail admin: after AXES_FAILURE_LIMIT wrong
# passwords for one username from one client address, that pair is refused for AXES_COOLOFF_TIME.
AUTHENTICATION_BACKENDS = [
    "sitewide.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_CLIENT_IP_CALLABLE = "sitewide.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "sitewide.lockout.username"
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:home"

# --- Search -----------------------------------------------------------------------------------------------

WAGTAILSEARCH_BACKENDS = backends_from_env(env)  # database search; OpenSearch or Elasticsearch when a URL is set
# Pages residents clicked for the same search words rise a little (search.clicks): up to this many points
# (0 turns it off), from at least SEARCH_CLICK_MIN clicks in the last SEARCH_CLICK_DAYS days.
SEARCH_CLICK_BOOST = env.float("SEARCH_CLICK_BOOST", default=2.0)
SEARCH_CLICK_MIN = env.int("SEARCH_CLICK_MIN", default=5)
SEARCH_CLICK_DAYS = env.int("SEARCH_CLICK_DAYS", default=90)
# A search's results are kept this long (search/results_cache.py: cleared by any publish or search change; 0: never).
SEARCH_RESULTS_CACHE_SECONDS = env.int("SEARCH_RESULTS_CACHE_SECONDS", default=300)
# The search page's and API's rate limits are under "Rate limits".

# --- Assistant and chat -----------------------------------------------------------------------------------

# The chatbot (Rasa REST channel); the web app proxies the widget's messages to it.
RASA_URL = env("RASA_URL", default="http://127.0.0.1:5005")
# Several Rasa servers sharing one tracker store: conversations are spread between them by sender id
# (assistant.rasa_servers). Empty: RASA_URL alone.
RASA_URLS = env.list("RASA_URLS", default=[])
# Short timeouts and a circuit breaker (state in the cache): a hung bot gets "call us" at once, not a wait.
RASA_CONNECT_TIMEOUT_SECONDS = env.float("RASA_CONNECT_TIMEOUT_SECONDS", default=2.0)
RASA_TIMEOUT_SECONDS = env.float("RASA_TIMEOUT_SECONDS", default=5.0)  # waiting for the reply
RASA_CIRCUIT_FAILURES = env.int("RASA_CIRCUIT_FAILURES", default=3)  # failures within the window open it
RASA_CIRCUIT_WINDOW_SECONDS = env.int("RASA_CIRCUIT_WINDOW_SECONDS", default=60)
RASA_CIRCUIT_OPEN_SECONDS = env.int("RASA_CIRCUIT_OPEN_SECONDS", default=30)  # then one message tries again
# Chat turns one web process passes to Rasa at once (assistant/in_flight.py): fewer than its threads, so Rasa's calls
# back to the bot API always find one. Beyond it a resident is asked to send the message again in a moment.
CHAT_IN_FLIGHT_PER_PROCESS = env.int(
    "CHAT_IN_FLIGHT_PER_PROCESS", default=max(1, env.int("GUNICORN_THREADS", default=16) - 4)
)
# Rasa's HTTP API token (`rasa run --auth-token`), sent to load models and to pause or resume a conversation;
# empty when the API has none.
RASA_API_TOKEN = env("RASA_API_TOKEN", default="")
# A chat-question link (/?ask=...) goes to the answer page when the model is this sure, else to search results
ASK_LINK_MIN_CONFIDENCE = env.float("ASK_LINK_MIN_CONFIDENCE", default=0.6)
ASK_LINK_MIN_MARGIN = env.float("ASK_LINK_MIN_MARGIN", default=0.1)  # ahead of the next intent (bot's ambiguity)
# Shared secret the action server sends to the bot API; empty means open (local development only).
BOT_API_TOKEN = env("BOT_API_TOKEN", default="")
# Live chat: how long a resident waits before we offer a callback, and how recently staff must
# have had the queue open to count as online.
HANDOFF_CLAIM_TIMEOUT_SECONDS = env.int("HANDOFF_CLAIM_TIMEOUT_SECONDS", default=180)
HANDOFF_STAFF_ONLINE_SECONDS = env.int("HANDOFF_STAFF_ONLINE_SECONDS", default=120)
HANDOFF_TRANSCRIPT_RETENTION_DAYS = env.int("HANDOFF_TRANSCRIPT_RETENTION_DAYS", default=90)
# Conversations that went wrong, kept for editors to read (Resident feedback > Chat transcripts): deleted this
# many days after their last change by delete_old_transcripts.
CHAT_TRANSCRIPT_RETENTION_DAYS = env.int("CHAT_TRANSCRIPT_RETENTION_DAYS", default=30)
# What the assistant itself keeps of conversations (Rasa's tracker store) goes after this many days
# (assistant.tracker_retention, run daily with delete_old_transcripts). Its database: Rasa's own, as
# deploy/entrypoints/rasa.sh names it (the site's PostgreSQL database with "_tracker"), or bot/tracker.db.
RASA_TRACKER_RETENTION_DAYS = env.int("RASA_TRACKER_RETENTION_DAYS", default=30)
RASA_TRACKER_DATABASE_URL = env("RASA_TRACKER_DATABASE_URL", default="") or (
    f"sqlite:///{Path(env('ASSISTANT_BOT_DIR', default=str(BASE_DIR / 'bot'))) / 'tracker.db'}"
    if DATABASES["default"]["ENGINE"].endswith("sqlite3")
    else urlunsplit(urlsplit(env("DATABASE_URL"))._replace(path=urlsplit(env("DATABASE_URL")).path + "_tracker"))
)
# A chat with no message for this long has ended, and counts towards the containment rate.
CHAT_CONVERSATION_IDLE_MINUTES = env.int("CHAT_CONVERSATION_IDLE_MINUTES", default=30)
CONTACT_CENTRE_DAYS = env.list("CONTACT_CENTRE_DAYS", cast=int, default=[0, 1, 2, 3, 4])  # Monday to Friday
CONTACT_CENTRE_OPENS = env("CONTACT_CENTRE_OPENS", default="09:00")
CONTACT_CENTRE_CLOSES = env("CONTACT_CENTRE_CLOSES", default="17:00")

# --- Updating the assistant -------------------------------------------------------------------------------

# Update the assistant (assistant_updates): the bot's folder and Python (Rasa 3.6 on 3.10) that train and
# test a candidate, where runs keep their files, the model the Rasa servers load when they start, and the
# gate a candidate must pass before it goes live.
ASSISTANT_BOT_DIR = env("ASSISTANT_BOT_DIR", default=str(BASE_DIR / "bot"))
ASSISTANT_BOT_PYTHON = env("ASSISTANT_BOT_PYTHON", default="")  # default: ASSISTANT_BOT_DIR/.venv/bin/python
ASSISTANT_UPDATES_DIR = env("ASSISTANT_UPDATES_DIR", default=str(BASE_DIR / "bot" / "updates"))
ASSISTANT_MODEL_FILE = env("ASSISTANT_MODEL_FILE", default=str(BASE_DIR / "bot" / "models" / "westmere.tar.gz"))
ASSISTANT_TEST_STORIES = env.list(
    "ASSISTANT_TEST_STORIES", default=["tests/test_stories.yml", "tests/conversation_stories.yml"]
)
# Intent macro F1 on held-out questions. Two trainings of the same content score the same (bot/README.md,
# "Reproducible training"), but any change of content re-rolls the training like a new seed: 12 seeds on the demo
# council's export scored 0.939 to 0.962 (standard deviation 0.0056; two differ by up to 0.016). ASSISTANT_MAX_F1_DROP
# allows for that: at 0.01 about 1 update in 10 that changed nothing of substance would be refused on noise, at
# 0.02 fewer than 1 in 100 (bench/training_spread.py --vary seed), so a refusal means a real step down from the
# live model. The floor sits well below the spread.
ASSISTANT_MIN_F1 = env.float("ASSISTANT_MIN_F1", default=0.93)
ASSISTANT_MAX_F1_DROP = env.float("ASSISTANT_MAX_F1_DROP", default=0.02)  # below the live model's
ASSISTANT_MIN_PAGE_RECALL = env.float("ASSISTANT_MIN_PAGE_RECALL", default=0.90)  # a page's own questions

# --- Casework and online forms ----------------------------------------------------------------------------

# Online forms, requests and My Account (casework, accounts). Uploads are under "Static files, uploads and
# request sizes"; the forms' rate limits under "Rate limits".
CASEWORK_RETENTION_MONTHS = env.float("CASEWORK_RETENTION_MONTHS", default=24)  # then anonymise_old_submissions
# A ward councillor's enquiry for a resident is answered within this many working days (councillors app).
MEMBER_ENQUIRY_WORKING_DAYS = env.int("MEMBER_ENQUIRY_WORKING_DAYS", default=10)
# Each stage of a complaint is answered within this many working days (complaints app).
COMPLAINT_STAGE_1_WORKING_DAYS = env.int("COMPLAINT_STAGE_1_WORKING_DAYS", default=10)
COMPLAINT_STAGE_2_WORKING_DAYS = env.int("COMPLAINT_STAGE_2_WORKING_DAYS", default=20)
CASEWORK_PAYMENT_PROVIDER = env("CASEWORK_PAYMENT_PROVIDER", default="casework.payments.FakePaymentProvider")
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)  # half-finished forms are kept this long
# Sessions are written to the database and read from the cache: every page a resident with a session sees (part-way
# through a form, or signed in) read theirs from PostgreSQL.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Email and background tasks ---------------------------------------------------------------------------

SITE_BASE_URL = env("SITE_BASE_URL", default=WAGTAILADMIN_BASE_URL)  # links in emails
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Westmere District Council <no-reply@example.org>")
# Casework emails: tried this many times by the task worker, which retries a failed email after this many
# seconds, doubling after each failure (2, 4, 8 min). The SMTP server is set in production.py.
CASEWORK_EMAIL_MAX_ATTEMPTS = env.int("CASEWORK_EMAIL_MAX_ATTEMPTS", default=5)
CASEWORK_EMAIL_RETRY_SECONDS = env.float("CASEWORK_EMAIL_RETRY_SECONDS", default=120)
# Text messages about requests (casework.texts), tried and retried as the emails above. The demo provider sends
# nothing and marks each text sent in the outbox; casework.texts.NotifyTextProvider sends through GOV.UK Notify with
# the service's API key and a text message template whose whole content is ((message)): the words are ours.
CASEWORK_TEXT_PROVIDER = env("CASEWORK_TEXT_PROVIDER", default="casework.texts.DemoTextProvider")
NOTIFY_API_KEY = env("NOTIFY_API_KEY", default="")
NOTIFY_SMS_TEMPLATE_ID = env("NOTIFY_SMS_TEMPLATE_ID", default="")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")

# Background tasks (emails). "immediate" runs them in the request; "database" queues them for
# `manage.py db_worker` (django-tasks-db), which retries failed emails with a back-off.
TASKS_BACKEND = env("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# --- Rate limits ------------------------------------------------------------------------------------------

# Per client address unless said otherwise (django-ratelimit syntax, e.g. "10/m"); the address comes from
# TRUSTED_PROXIES ("Security and proxies"). A refused request gets RATELIMIT_VIEW's page.
RATELIMIT_VIEW = "sitewide.views.rate_limited"
# Chat
CHAT_RATE_LIMIT = env("CHAT_RATE_LIMIT", default="30/m")
CHAT_POLL_RATE_LIMIT = env("CHAT_POLL_RATE_LIMIT", default="120/m")  # the widget polls every 2 s
# Online forms and feedback
FORM_RATE_LIMIT = env("FORM_RATE_LIMIT", default="10/m")
FORM_STEP_RATE_LIMIT = env("FORM_STEP_RATE_LIMIT", default="60/m")  # question pages of the online forms, per IP
FEEDBACK_RATE_LIMIT = env("FEEDBACK_RATE_LIMIT", default="10/m")  # "Is this page useful?" posts per IP
TRACK_RATE_LIMIT = env("TRACK_RATE_LIMIT", default="10/m")  # "Track a request" look-ups per IP
# My Account
ACCOUNT_EMAIL_RATE_LIMIT = env("ACCOUNT_EMAIL_RATE_LIMIT", default="3/h")  # reset / sign-up emails to one address
ACCOUNT_FORM_RATE_LIMIT = env("ACCOUNT_FORM_RATE_LIMIT", default="10/m")  # sign-up and password reset posts per IP
ACCOUNT_RESEND_RATE_LIMIT = env("ACCOUNT_RESEND_RATE_LIMIT", default="3/h")  # "send the link again", per signed-in user
BIN_REMINDER_HOUR = env.int("BIN_REMINDER_HOUR", default=18)  # bin-day reminders go from this hour the day before
ACCOUNT_ADDRESS_RATE_LIMIT = env("ACCOUNT_ADDRESS_RATE_LIMIT", default="30/m")  # saved-address look-ups, per user
# Search
SEARCH_PAGE_RATE_LIMIT = env("SEARCH_PAGE_RATE_LIMIT", default="60/m")  # results page, per address
AUTOCOMPLETE_RATE_LIMIT = env("AUTOCOMPLETE_RATE_LIMIT", default="120/m")  # suggestions while typing
SEARCH_RATE_LIMIT = env("SEARCH_RATE_LIMIT", default="60/m")  # the JSON search API (the bot, with its token, is exempt)

# --- Logging ----------------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        # opensearch-py logs every request at INFO, and "opensearchpy.trace" every request body (residents'
        # words): neither belongs in the logs. Failures are still logged as warnings.
        "opensearch": {"level": "WARNING"},
        "opensearchpy.trace": {"level": "WARNING", "propagate": False},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
