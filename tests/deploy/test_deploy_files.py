"""The deployment files parse, and every container runs an entrypoint that exists (no Docker engine here to build)."""
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def commands(services):
    for name, service in services.items():
        command = service.get("command")
        if command:
            yield name, command


def test_compose_file_parses_and_runs_the_same_entrypoints_as_make_prod():
    compose = yaml.safe_load((DEPLOY / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    expected = {"nginx", "web1", "web2", "worker", "rasa1", "rasa2", "actions", "postgres", "redis", "release"}
    assert expected <= set(services)
    for name, command in commands(services):
        if command[0] == "bash":
            assert (ROOT / command[1]).is_file(), (name, command)
    for name in ("web1", "web2", "release", "worker"):
        assert services[name]["build"]["dockerfile"] == "deploy/docker/web.Dockerfile"
    assert services["web1"]["environment"]["RASA_URLS"] == "http://rasa1:5005,http://rasa2:5005"


def test_kubernetes_manifests_parse_and_name_existing_entrypoints():
    documents = list(yaml.safe_load_all((DEPLOY / "k8s" / "westmere.yaml").read_text()))
    kinds = {(d["kind"], d["metadata"]["name"]) for d in documents}
    assert {("Deployment", "web"), ("StatefulSet", "rasa"), ("Job", "westmere-release")} <= kinds
    for document in documents:
        for container in document.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
            assert (ROOT / container["command"][1]).is_file(), container["name"]


def test_dockerfiles_copy_files_that_exist_and_start_an_entrypoint():
    for dockerfile in (DEPLOY / "docker").glob("*.Dockerfile"):
        text = dockerfile.read_text()
        for line in text.splitlines():
            if line.startswith("COPY ") and "--from" not in line:
                for source in line.split()[1:-1]:
                    assert (ROOT / source).exists(), (dockerfile.name, source)
        assert 'CMD ["bash", "deploy/entrypoints/' in text


@pytest.mark.parametrize("script", sorted(p.name for p in (DEPLOY / "entrypoints").glob("*.sh"))
                         + ["../prod/env.sh", "../prod/setup.sh", "../prod/start.sh", "../prod/run.sh"])
def test_shell_scripts_parse(script):
    result = subprocess.run(["bash", "-n", str(DEPLOY / "entrypoints" / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_compose_publishes_only_nginx_and_gives_rasa_and_the_actions_their_tokens():
    compose = yaml.safe_load((DEPLOY / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    assert [name for name, service in services.items() if service.get("ports")] == ["nginx"]
    secrets = (DEPLOY / "docker" / "env.example").read_text()
    for token in ("BOT_API_TOKEN", "ACTIONS_TOKEN", "RASA_API_TOKEN"):
        assert f"\n{token}=" in secrets
    for name in ("rasa1", "rasa2", "actions", "web1", "worker"):
        assert services[name]["env_file"] == ".env"  # where the tokens come from
    endpoints = yaml.safe_load((ROOT / "bot" / "endpoints.production.yml").read_text())
    assert endpoints["action_endpoint"]["headers"]["Authorization"] == "Bearer ${ACTIONS_TOKEN}"
    rasa = (DEPLOY / "entrypoints" / "rasa.sh").read_text()
    assert '"--auth-token=$RASA_API_TOKEN"' in rasa
    assert 'ACTIONS_TOKEN:?' in (DEPLOY / "entrypoints" / "actions.sh").read_text()


def test_kubernetes_lets_only_the_web_reach_rasa_and_only_rasa_reach_the_actions():
    documents = list(yaml.safe_load_all((DEPLOY / "k8s" / "westmere.yaml").read_text()))
    policies = {d["spec"]["podSelector"]["matchLabels"]["app"]: d["spec"] for d in documents
                if d["kind"] == "NetworkPolicy"}
    allowed = {app: {peer["podSelector"]["matchLabels"]["app"] for rule in spec["ingress"] for peer in rule["from"]}
               for app, spec in policies.items()}
    assert allowed["rasa"] == {"web", "worker"}
    assert allowed["actions"] == {"rasa"}
    assert allowed["web"] == {"nginx", "actions"}
    services = [d for d in documents if d["kind"] == "Service"]
    assert [s["metadata"]["name"] for s in services if s["spec"].get("type") == "LoadBalancer"] == ["nginx"]


def test_nginx_takes_the_client_address_from_a_trusted_balancer_without_recursion():
    """real_ip_recursive on with the pods' whole range let a client behind a layer-4 balancer pick its address."""
    script = (DEPLOY / "entrypoints" / "nginx.sh").read_text()
    assert "real_ip_recursive off" in script and "real_ip_recursive on" not in script
    documents = list(yaml.safe_load_all((DEPLOY / "k8s" / "westmere.yaml").read_text()))
    nginx = next(d for d in documents if d["kind"] == "Deployment" and d["metadata"]["name"] == "nginx")
    env = {e["name"]: e["value"] for e in nginx["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["NGINX_TRUSTED_PROXIES"] not in {"10.0.0.0/8", "0.0.0.0/0"}


def test_nginx_passes_the_port_the_browser_used_and_serves_editors_images_only():
    conf = (DEPLOY / "nginx" / "site.conf.template").read_text()
    assert "proxy_set_header Host $http_host;" in conf  # Django's CSRF origin check needs the port
    assert "location ~ ^/media/((?:original_images|images)/[^/]+)$" in conf


def test_a_rasa_token_that_starts_with_a_dash_reaches_rasa(tmp_path):
    # secrets.token_urlsafe() starts with "-" once in 64 tokens: "--auth-token -x..." then fails argparse.
    import os
    import subprocess
    import sys

    fake_rasa = tmp_path / "rasa_server.py"  # run as bot/rasa_server.py is, by the bot's Python
    fake_rasa.write_text(
        "import argparse\nparser = argparse.ArgumentParser()\n"
        "parser.add_argument('command')\nparser.add_argument('-t', '--auth-token')\n"
        "print(parser.parse_known_args()[0].auth_token)\n"
    )
    env = {**os.environ, "RASA_SERVER": str(fake_rasa), "BOT_PYTHON": sys.executable, "RASA_API_TOKEN": "-Xy_12ab"}
    result = subprocess.run(["bash", str(ROOT / "deploy/entrypoints/rasa.sh")], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "-Xy_12ab"


def test_the_error_page_the_release_writes_reaches_nginx_in_containers():
    """write_error_page puts each council's phone number in STATIC_ROOT/errors/ at release; nginx serves them
    when the web processes are down. In containers the two are separate file systems, so they share a volume."""
    written = "/app/static_collected/errors"
    services = yaml.safe_load((DEPLOY / "docker" / "compose.yaml").read_text())["services"]
    release = {mount.split(":")[1]: mount.split(":")[0] for mount in services["release"]["volumes"]}
    nginx = {mount.split(":")[1]: mount.split(":")[0] for mount in services["nginx"]["volumes"]}
    assert release[written] == nginx[written]
    dockerfile = (DEPLOY / "docker" / "web.Dockerfile").read_text()
    assert "chown -R westmere /app/private_uploads /app/media /app/static_collected" in dockerfile

    manifests = yaml.safe_load_all((DEPLOY / "k8s" / "westmere.yaml").read_text())
    documents = {(d["kind"], d["metadata"]["name"]): d for d in manifests}

    def claim_at(workload, path):
        pod = documents[workload]["spec"]["template"]["spec"]
        mount = next(m for c in pod["containers"] for m in c.get("volumeMounts", []) if m["mountPath"] == path)
        volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
        return volume["persistentVolumeClaim"]["claimName"]

    assert claim_at(("Job", "westmere-release"), written) == claim_at(("Deployment", "nginx"), written)
    assert "errors/500.html" in (DEPLOY / "nginx" / "site.conf.template").read_text()


def location_block(conf, opening):
    """The text of a server-level location (opened at 4 spaces' indent, closed at the same)."""
    start = conf.index("    " + opening)
    return conf[start:conf.index("\n    }", start)]


def test_nginx_serves_each_host_its_own_councils_error_page_from_disk():
    """Every web process down: nginx answers with the page write_error_page wrote for the request's host
    (errors/500-<hostname>.html), else the default site's (errors/500.html), from STATIC_ROOT itself (nothing
    behind it is up to ask)."""
    from sitewide.error_page import DEFAULT_NAME, FOLDER, page_name

    conf = (DEPLOY / "nginx" / "site.conf.template").read_text().replace("${STATIC_ROOT}", "/srv/static")
    proxied = location_block(conf, "location / {")
    assert "error_page 502 503 504 /static/errors/500.html;" in proxied
    errors = location_block(conf, "location = /static/errors/500.html {")
    assert "root /srv/static;" in errors and "proxy_pass" not in errors
    try_files = next(line.split()[1:] for line in errors.splitlines() if line.strip().startswith("try_files"))
    for_host, default, last = try_files[0], try_files[1], try_files[2]
    assert for_host.replace("$host", "fellside.localhost") == f"/{FOLDER}/{page_name('fellside.localhost')}"
    assert default == f"/{FOLDER}/{DEFAULT_NAME}"
    assert last == "=503;"  # neither written: nginx's own page, never a request to the web processes


def test_scheduled_work_runs_through_run_due_everywhere():
    """make run, make prod, compose and Kubernetes all run `manage.py run_due` (sitewide/scheduled.py)."""
    assert "run_due --loop" in (ROOT / "Makefile").read_text()
    assert 'echo "scheduler: deploy/entrypoints/scheduler.sh"' in (DEPLOY / "prod" / "start.sh").read_text()
    assert "manage.py run_due --loop" in (DEPLOY / "entrypoints" / "scheduler.sh").read_text()
    services = yaml.safe_load((DEPLOY / "docker" / "compose.yaml").read_text())["services"]
    assert services["scheduler"]["command"] == ["bash", "deploy/entrypoints/scheduler.sh"]
    documents = list(yaml.safe_load_all((DEPLOY / "k8s" / "westmere.yaml").read_text()))
    cron = next(d for d in documents if d["kind"] == "CronJob")
    container = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert "manage.py run_due" in container["command"][-1] and cron["spec"]["concurrencyPolicy"] == "Forbid"


def test_only_nginx_logs_each_request_unless_asked(monkeypatch):
    # Each request was logged twice under make prod, nginx's line and gunicorn's, both relayed by honcho.
    def settings():
        values = {}
        exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), values)
        return values

    monkeypatch.delenv("GUNICORN_ACCESS_LOG", raising=False)
    assert settings()["accesslog"] is None
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "-")
    assert settings()["accesslog"] == "-"
    assert "access_log /dev/stdout" in (DEPLOY / "nginx" / "nginx.conf.template").read_text()
