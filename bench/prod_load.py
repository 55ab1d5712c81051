"""Load benchmark of the production topology (`make prod`): pages, search and chat turns under load.

Starts the topology on free ports (deploy/prod/topology.py: nginx, 2 web processes, the worker,
2 Rasa servers, the action server, on PostgreSQL and Redis), then drives it with wrk (Debian's `wrk`)
at several concurrency levels. Every figure is printed beside a reference measured in the same run:
pages and search against a static file of the site served by a web process (whitenoise; nginx's own
figure for it is printed too), chat turns against Rasa's bare `/model/parse`. Then the scale factor
from 1 to 2 web processes and from 1 to 2 Rasa servers.
Not a test: it asserts nothing. Rate limits are lifted for the run.

    python bench/prod_load.py [--duration 8] [--concurrency 1,4,16]
    PROD_BENCH_DATABASE_URL=postgres://... PROD_BENCH_REDIS_URL=redis://.../8 python bench/prod_load.py
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "prod"))
from topology import Topology  # noqa: E402

REPORT = ROOT / "bench" / "wrk" / "report.lua"
CHAT_BODY = '{"sender": "{sender}", "message": "how do I pay my council tax", "page": "/"}'
RASA_BODY = '{"sender": "{sender}", "message": "how do I pay my council tax"}'
PARSE_BODY = '{"text": "how do I pay my council tax"}'
UNLIMITED = {name: "100000/m" for name in (
    "CHAT_RATE_LIMIT", "CHAT_POLL_RATE_LIMIT", "FORM_RATE_LIMIT", "FEEDBACK_RATE_LIMIT", "TRACK_RATE_LIMIT",
    "SEARCH_RATE_LIMIT", "SEARCH_PAGE_RATE_LIMIT", "AUTOCOMPLETE_RATE_LIMIT")}


def wrk_start(url, concurrency, duration, body=None, headers=None):
    env = {**os.environ, "WRK_RUN": os.urandom(3).hex()}
    if body:
        env["WRK_BODY"] = body
        headers = {"Content-Type": "application/json", **(headers or {})}
    if headers:
        env["WRK_HEADERS"] = "|".join(f"{name}: {value}" for name, value in headers.items())
    command = ["wrk", "-t", str(min(concurrency, 2)), "-c", str(concurrency), "-d", f"{duration}s",
               "--timeout", "30s", "-s", str(REPORT), url]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


def wrk_result(process):
    output, _ = process.communicate()
    line = next(line for line in output.splitlines() if line.startswith("{"))
    result = json.loads(line)
    result["rps"] = result["requests"] / result["seconds"]
    return result


def wrk(url, concurrency, duration, **kwargs):
    return wrk_result(wrk_start(url, concurrency, duration, **kwargs))


def wrk_together(targets, concurrency, duration, **kwargs):
    """The same load split over several servers at once: throughput summed, latency of the slowest."""
    share = max(1, concurrency // len(targets))
    results = [wrk_result(p) for p in [wrk_start(url, share, duration, **kwargs) for url in targets]]
    return {"rps": sum(r["rps"] for r in results), "p50": max(r["p50"] for r in results),
            "p95": max(r["p95"] for r in results), "errors": sum(r["errors"] for r in results),
            "non2xx": sum(r["non2xx"] for r in results)}


def settle(urls, seconds=90):
    """Wait until every server answers at once again: requests still running from the last measurement
    (a chat turn outlives wrk's end) must not count against the next one."""
    deadline = time.monotonic() + seconds
    for url in urls:
        while time.monotonic() < deadline:
            try:
                started = time.monotonic()
                requests.get(url, timeout=5)
                if time.monotonic() - started < 0.5:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)


def ratio(value, reference):
    return value / reference if reference else float("nan")


def ms(microseconds):
    return microseconds / 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per measurement")
    parser.add_argument("--concurrency", default="1,4,16", help="concurrent clients, comma-separated")
    args = parser.parse_args()
    levels = [int(level) for level in args.concurrency.split(",")]
    if not shutil.which("wrk"):
        sys.exit("Install wrk from Debian's packages: apt-get install wrk")

    database_url = os.environ.get("PROD_BENCH_DATABASE_URL", "postgres://connect:connect@127.0.0.1:5432/connect_prod_test")
    redis_url = os.environ.get("PROD_BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    topology = Topology(tempfile.mkdtemp(prefix="westmere-bench-"), database_url, redis_url,
                        PAGE_CACHE_SECONDS="600", GUNICORN_WORKERS=os.environ.get("GUNICORN_WORKERS", "2"), **UNLIMITED)
    print("Setting up (release step) and starting the topology ...", flush=True)
    topology.release()
    topology.start("all", "nginx", "web1", "web2", "worker", "rasa1", "rasa2", "actions")
    try:
        topology.wait_until_up()
        run(topology, levels, args.duration)
    finally:
        topology.stop("all")


def run(topology, levels, duration):
    site, (web1, web2), (rasa1, rasa2) = topology.url, topology.web_urls, topology.rasa_urls
    home = requests.get(f"{site}/", timeout=30).text
    static = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home).group(1)
    session = requests.Session()
    session.get(f"{site}/api/chat/", timeout=30)
    token = session.cookies["csrftoken"]
    chat_headers = {"Cookie": f"csrftoken={token}", "X-CSRFToken": token}
    page = "/bins-and-recycling/"
    kinds = {
        "static file (nginx)": dict(url=f"{site}{static}"),
        "static file (web)": dict(url=f"{web1}{static}"),  # whitenoise in a gunicorn process
        "page, cached": dict(url=f"{site}{page}"),
        "page, uncached": dict(url=f"{site}{page}", headers={"Cookie": "sessionid=benchmark"}),
        "search": dict(url=f"{site}/search/?q=bin+collection+day"),
        "rasa /model/parse": dict(url=f"{rasa1}/model/parse?{urlencode(topology.rasa_api_params)}", body=PARSE_BODY),
        "chat turn (proxy)": dict(url=f"{site}/api/chat/", body=CHAT_BODY, headers=chat_headers),
    }
    references = {"static file (nginx)", "static file (web)", "rasa /model/parse"}
    quiet = [f"{web1}/healthz", f"{web2}/healthz", f"{rasa1}/", f"{rasa2}/"]
    for kind in kinds.values():  # warm up every path once
        wrk(kind["url"], 1, 1, body=kind.get("body"), headers=kind.get("headers"))

    print("Ratios: p50 against the static file served by a web process (pages, search) or Rasa's bare "
          "/model/parse (chat), measured at the same concurrency.")
    print(f"\n{'kind':<22}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p50 ratio':>20}{'errors':>8}")
    results = {}
    for level in levels:
        for name, kind in kinds.items():
            settle(quiet)
            result = wrk(kind["url"], level, duration, body=kind.get("body"), headers=kind.get("headers"))
            results[name, level] = result
            chat = name.startswith("chat")
            shown = ""
            if name not in references:
                reference = results["rasa /model/parse" if chat else "static file (web)", level]
                shown = f"{ratio(result['p50'], reference['p50']):.1f}x {'parse' if chat else 'static'}"
            print(f"{name:<22}{level:>8}{result['rps']:>9.1f}{ms(result['p50']):>9.1f}{ms(result['p95']):>9.1f}"
                  f"{shown:>20}{result['errors'] + result['non2xx']:>8}", flush=True)
        print()

    top = max(levels)
    print(f"Scale factor from 1 to 2 processes, {top} clients (throughput with 2 / throughput with 1):")
    uncached = {"headers": {"Cookie": "sessionid=benchmark"}}
    settle(quiet)
    one = wrk(f"{web1}{page}", top, duration, **uncached)
    settle(quiet)
    two = wrk_together([f"{web1}{page}", f"{web2}{page}"], top, duration, **uncached)
    print(f"  uncached page, web processes: 1 = {one['rps']:.1f} req/s (p95 {ms(one['p95']):.0f} ms), "
          f"2 = {two['rps']:.1f} req/s (p95 {ms(two['p95']):.0f} ms): x{ratio(two['rps'], one['rps']):.2f}")
    webhook = "/webhooks/rest/webhook"
    settle(quiet)
    one = wrk(f"{rasa1}{webhook}", top, duration, body=RASA_BODY)
    settle(quiet)
    two = wrk_together([f"{rasa1}{webhook}", f"{rasa2}{webhook}"], top, duration, body=RASA_BODY)
    print(f"  chat turn, Rasa servers:      1 = {one['rps']:.1f} turns/s (p95 {ms(one['p95']):.0f} ms), "
          f"2 = {two['rps']:.1f} turns/s (p95 {ms(two['p95']):.0f} ms): x{ratio(two['rps'], one['rps']):.2f}")
    print(f"\n({os.cpu_count()} CPU cores shared by every process and by wrk itself.)")


if __name__ == "__main__":
    main()
