"""`.env.example` lists every environment variable the settings read, with its real default (issue 22).

The settings are imported in a fresh Python (as the web process does at start-up) with django-environ's
`Env.get_value`, through which every `env(...)`, `env.int(...)`, `env.list(...)` call passes, recording the
names asked for; several environments reach the variables read only in some cases (OpenSearch or
Elasticsearch, with or without Redis).
"""
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / ".env.example"
PRODUCTION_NEEDS = {"DJANGO_SECRET_KEY": "x" * 50, "BOT_API_TOKEN": "token", "SITE_BASE_URL": "https://www.example.org",
                    "REDIS_URL": "redis://127.0.0.1:6379/0"}
# Production's own defaults, which .env.example gives in words ("production: ...").
PRODUCTION_DEFAULTS = {"TRUSTED_PROXIES": "127.0.0.1,::1", "WAGTAILADMIN_BASE_URL": PRODUCTION_NEEDS["SITE_BASE_URL"]}
# Read by manage.py and the WSGI module before any settings, to choose them.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}

RECORD = """
import json, pickle, sys
import environ
names = []
get_value = environ.Env.get_value
def recording(self, var, *args, **kwargs):
    names.append(var)
    return get_value(self, var, *args, **kwargs)
environ.Env.get_value = recording
import importlib
module = importlib.import_module(sys.argv[1])
if sys.argv[2] == "names":
    print(json.dumps(sorted(set(names))))
else:
    values = {name: getattr(module, name) for name in dir(module) if name.isupper()}
    sys.stdout.buffer.write(pickle.dumps(values))
"""


def run_settings(module, environment, what):
    """Import customer_connect.settings.<module> with only `environment` set: the names read, or the settings."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
           **environment}
    result = subprocess.run([sys.executable, "-c", RECORD, f"customer_connect.settings.{module}", what],
                            env=env, cwd=ROOT / "site", capture_output=True, check=True, timeout=120)
    return json.loads(result.stdout) if what == "names" else pickle.loads(result.stdout)


SCENARIOS = [  # (settings module, environment): between them they read every variable
    ("base", {}),
    ("base", {"OPENSEARCH_URL": "http://127.0.0.1:9"}),
    ("base", {"ELASTICSEARCH_URL": "http://127.0.0.1:9"}),
    ("production", PRODUCTION_NEEDS),
    ("production", {**PRODUCTION_NEEDS, "REDIS_URL": "", "DJANGO_ALLOW_LOCAL_CACHE": "true"}),
    ("dev", {}),
    ("test", {}),
]


def names_read():
    found = set()
    for module, environment in SCENARIOS:
        found |= set(run_settings(module, environment, "names"))
    return found


def example_values():
    """{NAME: default} from the `# NAME=value` lines of .env.example."""
    values = {}
    for line in EXAMPLE.read_text().splitlines():
        match = re.fullmatch(r"# ([A-Z][A-Z0-9_]*)=(.*)", line)
        if match:
            name, value = match.groups()
            assert name not in values, f"{name} is listed twice in .env.example"
            values[name] = value.strip('"')
    return values


def test_every_variable_the_settings_read_is_in_env_example_and_nothing_else():
    read = names_read()
    listed = set(example_values()) - NOT_SETTINGS
    assert "DJANGO_SECRET_KEY" in read and "ELASTICSEARCH_TIMEOUT" in read  # the recording works
    assert sorted(read - listed) == [], "read by the settings but missing from .env.example"
    assert sorted(listed - read) == [], "in .env.example but read by no setting"


def test_the_defaults_in_env_example_are_the_real_ones():
    """Setting every variable to the default .env.example gives for it changes no setting, in each settings module
    (placeholders such as <checkout>, and empty defaults, are left out)."""
    documented = {name: value for name, value in example_values().items()
                  if value and "<" not in value and name not in NOT_SETTINGS}
    checked = set()
    for module, environment in SCENARIOS:
        if module == "test":  # a new temporary upload folder at each import; it reads what base reads
            continue
        read = set(run_settings(module, environment, "names"))
        defaults = {name: value for name, value in documented.items() if name in read and name not in environment}
        if module == "production":
            defaults.update(PRODUCTION_DEFAULTS)
        checked |= set(defaults)
        assert (run_settings(module, {**environment, **defaults}, "values")
                == run_settings(module, environment, "values")), (module, environment)
    assert len(checked) > 60
