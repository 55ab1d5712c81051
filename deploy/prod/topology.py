"""Starts the production topology of `make prod` (deploy/prod/start.sh) on free ports, for the tests in
tests/deploy and the load benchmark (bench/prod_load.py). Not a process manager: honcho is.

Runs share one PostgreSQL database and one Redis database, and are separate honcho runs so one can be
stopped in the middle of traffic (for example "main": nginx, web1, worker, rasa1, actions; "spare": web2, rasa2).
"""
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = int(os.environ.get("PROD_STARTUP_SECONDS", 480))  # 2 Rasa servers loading on 2 busy cores


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Topology:
    def __init__(self, workdir, database_url, redis_url, **settings):
        self.workdir, self.database_url = Path(workdir), database_url
        self.ports = {name: free_port() for name in ("nginx", "web1", "web2", "rasa1", "rasa2", "actions")}
        self.url = f"http://127.0.0.1:{self.ports['nginx']}"
        self.web_urls = [f"http://127.0.0.1:{self.ports[name]}" for name in ("web1", "web2")]
        self.rasa_urls = [f"http://127.0.0.1:{self.ports[name]}" for name in ("rasa1", "rasa2")]
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))},
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "NGINX_PORT": str(self.ports["nginx"]),
            "WEB_PORTS": f"{self.ports['web1']} {self.ports['web2']}",
            "RASA_PORTS": f"{self.ports['rasa1']} {self.ports['rasa2']}",
            "ACTIONS_PORT": str(self.ports["actions"]),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "BOT_API_TOKEN": secrets.token_urlsafe(24),
            "ACTIONS_TOKEN": secrets.token_urlsafe(24),  # every run ("main", "spare") shares the tokens
            "RASA_API_TOKEN": secrets.token_urlsafe(24),
            "GUNICORN_WORKERS": "2",
            "SITE_BASE_URL": self.url,  # production settings require it
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on one machine
            "NGINX_WORKER_PROCESSES": "1",
            "LOG_LEVEL": "WARNING",
            **settings,
        }
        self.runs = {}

    @property
    def rasa_api_params(self):
        """Rasa's HTTP API (trackers, models, status) answers only with the token."""
        return {"token": self.env["RASA_API_TOKEN"]}

    def release(self):
        """The release step: databases, migrations, static files, the demo council, the search index."""
        env = {**self.env, "LOAD_DEMO_COUNCIL": "1", "DJANGO_SETTINGS_MODULE": "customer_connect.settings.production"}
        release = subprocess.run(["bash", "deploy/entrypoints/release.sh"], cwd=ROOT, env=env,
                                 capture_output=True, text=True)
        if release.returncode:
            raise RuntimeError(release.stdout[-3000:] + release.stderr[-3000:])

    def manage(self, *args, **kwargs):
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "customer_connect.settings.production"}
        return subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", *args], cwd=ROOT, env=env,
                              check=True, capture_output=True, text=True, **kwargs)

    def start(self, run, *processes):
        env = {**self.env, "PROD_DIR": str(self.workdir / run)}
        log = open(self.workdir / f"{run}.log", "w")
        self.runs[run] = (subprocess.Popen(["bash", "deploy/prod/start.sh", *processes], cwd=ROOT, env=env,
                                           stdout=log, stderr=subprocess.STDOUT, start_new_session=True), log)

    def stop(self, run, sig=signal.SIGTERM):
        process, log = self.runs.pop(run)
        if process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()

    def wait_until_up(self):
        checks = [f"{self.url}/healthz", *(f"{url}/healthz" for url in self.web_urls),
                  *(f"{url}/status?token={self.env['RASA_API_TOKEN']}" for url in self.rasa_urls), f"http://127.0.0.1:{self.ports['actions']}/health"]
        deadline = time.monotonic() + STARTUP_SECONDS
        for url in checks:
            while True:
                for run, (process, _) in self.runs.items():
                    if process.poll() is not None:
                        raise RuntimeError(f"the {run} run stopped:\n{self.log_tail(run)}")
                try:
                    if requests.get(url, timeout=5).ok:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer within {STARTUP_SECONDS} s")
                time.sleep(1)

    def log_tail(self, run, chars=4000):
        return (self.workdir / f"{run}.log").read_text()[-chars:]

    def query(self, sql, params=()):
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchall()
