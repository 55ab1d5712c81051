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
