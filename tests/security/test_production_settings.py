"""Issue 11, items 6, 9 and 16, and `check --deploy`: production refuses unsafe settings and sends the headers."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.csp import directives

REPO = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "customer_connect.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "BOT_API_TOKEN": "production-token",
    "SITE_BASE_URL": "https://www.westmere.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "DJANGO_ALLOWED_HOSTS": "www.westmere.example.org",
}


def run(code_or_args, **env_changes):
    skip = {*PRODUCTION, "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the latter is set by the browser tests
    env = {key: value for key, value in os.environ.items() if key not in skip}
    env.update(PRODUCTION)
    env.update({key: value for key, value in env_changes.items() if value is not None})
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


SHOW_SETTINGS = (
    "import sys, json; sys.path.insert(0, 'site'); import django; django.setup();"
    "from django.conf import settings as s;"
    "print(json.dumps({k: getattr(s, k) for k in ('SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
    "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', 'TRUSTED_PROXIES', 'WAGTAILADMIN_BASE_URL')}))"
)


def test_check_deploy_with_production_settings_has_no_warnings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_is_https_only_with_hsts():
    result = run(SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SECURE_SSL_REDIRECT"] and values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SESSION_COOKIE_SECURE"]
    assert values["TRUSTED_PROXIES"] == ["127.0.0.1", "::1"]
    assert values["WAGTAILADMIN_BASE_URL"] == "https://www.westmere.example.org"


def test_production_refuses_to_start_without_a_shared_cache():
    result = run(SHOW_SETTINGS, REDIS_URL=None)
    assert result.returncode != 0 and "Set REDIS_URL" in result.stderr
    allowed = run(SHOW_SETTINGS, REDIS_URL=None, DJANGO_ALLOW_LOCAL_CACHE="true")
    assert allowed.returncode == 0 and "no REDIS_URL" in allowed.stderr  # said loudly


def test_production_refuses_to_start_without_the_site_address():
    result = run(SHOW_SETTINGS, SITE_BASE_URL=None)
    assert result.returncode != 0 and "Set SITE_BASE_URL" in result.stderr


@pytest.mark.django_db
def test_public_pages_and_the_admin_send_csp_and_permissions_policy(site_client):
    page = site_client.get("/council-tax/pay/")
    csp = directives(page["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["script-src"][0] == "'self'" and all(s.startswith("'sha256-") for s in csp["script-src"][1:])
    assert csp["style-src"] == ["'self'"]  # no inline styles either
    assert "camera=()" in page["Permissions-Policy"] and "geolocation=()" in page["Permissions-Policy"]
    admin = site_client.get("/admin/login/")
    assert directives(admin["Content-Security-Policy"])["script-src"] == ["'self'"]  # no inline script (issue 20)
    assert "Permissions-Policy" in admin


@pytest.mark.django_db
def test_every_inline_script_on_a_public_page_is_allowed_by_its_hash(site_client):
    import base64
    import hashlib
    import re

    page = site_client.get("/")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>",
                         page.content.decode(), re.S)
    assert scripts, "expected GOV.UK Frontend's js-enabled snippet"
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in page["Content-Security-Policy"], script[:80]
