"""Load benchmark of the production topology (`make prod`): pages, search and chat turns under load.

Starts the topology on free ports (deploy/prod/topology.py: nginx, 2 web processes, the worker,
2 Rasa servers, the action server, on PostgreSQL and Redis), then drives it with wrk (Debian's `wrk`)
at several concurrency levels. Every figure is printed beside a reference measured in the same run:
pages and search against a static file of the site served by a web process (whitenoise; nginx's own
figure for it is printed too), chat turns against Rasa's bare `/model/parse`. Then the scale factor
from 1 to 2 web processes and from 1 to 2 Rasa servers.
Not a test: it asserts nothing. Rate limits are raised for the run (still counted, as in production: only the
limit is higher, so that one machine's load is not refused). Searches, pages and chat messages are varied
(bench/corpus.py: 200+ distinct searches and messages); searches are measured both as asked before (their kept
results) and for the first time (each asked once in the run: FreshSearches). Each goal of
issue 27 is printed beside its figure.

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

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

REPORT = ROOT / "bench" / "wrk" / "report.lua"
CHAT_BODY = '{"sender": "{sender}", "message": "{message}", "page": "/"}'
RASA_BODY = '{"sender": "{sender}", "message": "{message}"}'
PARSE_BODY = '{"text": "{message}"}'
UNLIMITED = {name: "100000/m" for name in (
    "CHAT_RATE_LIMIT", "CHAT_POLL_RATE_LIMIT", "FORM_RATE_LIMIT", "FEEDBACK_RATE_LIMIT", "TRACK_RATE_LIMIT",
    "SEARCH_RATE_LIMIT", "SEARCH_PAGE_RATE_LIMIT", "AUTOCOMPLETE_RATE_LIMIT")}


def wrk_start(url, concurrency, duration, body=None, headers=None, paths=None, messages=None, once=False):
    env = {**os.environ, "WRK_RUN": os.urandom(3).hex()}
    threads = min(concurrency, 2)
    if once:
        env.update(WRK_ONCE="1", WRK_THREADS=str(threads))
    if paths:
        env["WRK_PATHS"] = paths
    if messages:
        env["WRK_MESSAGES"] = messages
    if body:
        env["WRK_BODY"] = body
        headers = {"Content-Type": "application/json", **(headers or {})}
    if headers:
        env["WRK_HEADERS"] = "|".join(f"{name}: {value}" for name, value in headers.items())
    command = ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{duration}s",
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


def write_lines(folder, name, lines):
    path = Path(folder) / name
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def site_paths(site):
    """The site's own pages, from the home page and the A to Z: what "page, uncached" cycles through."""
    found = []
    for start in ("/", "/a-to-z/"):
        html = requests.get(f"{site}{start}", timeout=30).text
        found += re.findall(r'href="(/[a-z0-9-]+(?:/[a-z0-9-]+)*/)"', html)
    return [path for path in dict.fromkeys(found) if not path.startswith(("/static/", "/admin/", "/account"))]


# Issue 27's goals: (kind, what it is compared with, the highest p50 ratio allowed).
GOALS = {
    "page, cached (nginx)": ("static file (nginx)", 1.2),
    "page, uncached": ("static file (web)", 10),
    "search": ("static file (web)", 10),
    "search, first time": ("static file (web)", 10),
    "chat turn (proxy)": ("rasa /model/parse", 3),
}
REFERENCE = {"page, cached (web)": "static file (web)"}
# The same ratios when issue 27 was filed (its table; one search and one chat message repeated; a cached page then
# came from a web process, compared with a static file from a web process): printed beside today's.
BEFORE = {
    **{("page, cached (nginx)", level): figure for level, figure in ((1, 2.9), (4, 2.0), (16, 2.6))},
    **{("page, uncached", level): figure for level, figure in ((1, 36), (4, 26), (16, 32))},
    **{("search", level): figure for level, figure in ((1, 69), (4, 62), (16, 57))},
    **{("chat turn (proxy)", level): figure for level, figure in ((1, 10), (4, 8.9), (16, 7.7))},
}


def resident_session(topology):
    """The cookie of a resident part-way through a form: a real session (read from the shared cache), which is what
    keeps pages from the page caches. A made-up session id would be looked for in the database on every request,
    which no browser repeats: Django deletes a session cookie it finds no session for."""
    code = (
        "from importlib import import_module; from django.conf import settings; "
        "store = import_module(settings.SESSION_ENGINE).SessionStore(); "
        "store['benchmark'] = 'part-way through a form'; store.create(); print(store.session_key)"
    )
    key = topology.manage("shell", "-c", code).stdout.split()[-1]
    return {"Cookie": f"sessionid={key}"}


class FreshSearches:
    """A part of the list of first-time searches for each measurement, asked nowhere else in the run: asked again,
    a search would be answered from its kept results. (Until 8 December the kept results were dropped before each
    measurement by a new vocabulary version, which also made each web process build the council's vocabulary again
    within the measured seconds: a change of content does that, a first-time search does not.)"""

    def __init__(self, folder, queries, parts):
        self.folder, self.queries, self.size, self.used = folder, queries, len(queries) // parts, 0

    def next(self):
        part = self.queries[self.used : self.used + self.size]
        self.used += self.size
        if len(part) < self.size:
            sys.exit("Not enough first-time searches for every measurement: fewer concurrency levels, please.")
        return write_lines(self.folder, f"new-searches-{self.used}", [f"/search/?{urlencode({'q': q})}" for q in part])


def pids_listening_on(port):
    """The processes (and their children) serving a port."""
    out = subprocess.run(["pgrep", "-f", "--", f"--port {port}"], capture_output=True, text=True).stdout.split()
    pids = set(out)
    for pid in out:
        pids |= set(subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split())
    return sorted(pids)


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (FileNotFoundError, IndexError):
            pass
    return total


def pin(pids, core):
    for pid in pids:
        subprocess.run(["taskset", "-a", "-cp", str(core), pid], capture_output=True)


def run(topology, levels, duration):
    site, (web1, web2), (rasa1, rasa2) = topology.url, topology.web_urls, topology.rasa_urls
    home = requests.get(f"{site}/", timeout=30).text
    static = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home).group(1)
    session = requests.Session()
    session.get(f"{site}/api/chat/", timeout=30)
    token = session.cookies["csrftoken"]
    chat_headers = {"Cookie": f"csrftoken={token}", "X-CSRFToken": token}
    page = "/bins-and-recycling/"
    folder = tempfile.mkdtemp(prefix="westmere-bench-lists-")
    searches = write_lines(folder, "searches", [f"/search/?{urlencode({'q': q})}" for q in corpus.search_queries()])
    new_searches = FreshSearches(folder, corpus.first_time_searches(), parts=len(levels) + 1)  # and the warm-up
    messages = write_lines(folder, "messages", [json.dumps(m)[1:-1] for m in corpus.chat_messages()])
    pages = site_paths(site)
    page_list = write_lines(folder, "pages", pages)
    resident = resident_session(topology)
    print(f"{len(corpus.search_queries())} distinct searches ({len(corpus.first_time_searches())} for first-time "
          f"searches), {len(corpus.chat_messages())} distinct chat messages, {len(pages)} distinct pages.")
    kinds = {
        "static file (nginx)": dict(url=f"{site}{static}"),
        "static file (web)": dict(url=f"{web1}{static}"),  # whitenoise in a gunicorn process
        "page, cached (nginx)": dict(url=f"{site}{page}"),  # nginx's micro-cache
        "page, cached (web)": dict(url=f"{web1}{page}"),  # the web app's own page cache
        "page, uncached": dict(url=f"{site}/", paths=page_list, headers=resident),
        # Residents ask the same things: a search asked before is answered from its kept results
        # (search/results_cache.py), which every run's warm-up fills. A first-time search is measured on its own:
        # each asked once, from a part of the list no other measurement asks, long enough never to run out (a run
        # that ran out would count the list's length over the run's time as the throughput).
        "search, first time": dict(url=f"{site}/search/", paths=new_searches.next(), once=True,
                                   prepare=lambda: {"paths": new_searches.next()}),
        "search": dict(url=f"{site}/search/", paths=searches),
        "rasa /model/parse": dict(url=f"{rasa1}/model/parse?{urlencode(topology.rasa_api_params)}", body=PARSE_BODY,
                                  messages=messages),
        "chat turn (proxy)": dict(url=f"{site}/api/chat/", body=CHAT_BODY, headers=chat_headers, messages=messages),
    }
    references = {"static file (nginx)", "static file (web)", "rasa /model/parse"}
    quiet = [f"{web1}/healthz", f"{web2}/healthz", f"{rasa1}/", f"{rasa2}/"]
    options = ("body", "headers", "paths", "messages", "once")
    for kind in kinds.values():  # warm up every path once
        wrk(kind["url"], 1, 1, **{key: kind.get(key) for key in options})

    print("Ratios: p50 against the reference measured at the same concurrency: a static file served by nginx "
          "(pages nginx caches) or by a web process (other pages, search), or Rasa's bare /model/parse (chat).")
    print(f"\n{'kind':<22}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p50 ratio':>26}{'before':>8}"
          f"{'goal':>17}{'errors':>8}")
    results = {}
    for level in levels:
        for name, kind in kinds.items():
            settle(quiet)
            if "prepare" in kind:
                kind.update(kind["prepare"]())
            result = wrk(kind["url"], level, duration, **{key: kind.get(key) for key in options})
            results[name, level] = result
            shown, goal = "", ""
            if name not in references:
                reference_name, limit = GOALS.get(name, (REFERENCE.get(name), None))
                figure = ratio(result["p50"], results[reference_name, level]["p50"])
                shown = f"{figure:.1f}x {reference_name.split(' (')[0].replace('static file', 'static')}"
                if limit is not None:
                    goal = f"<= {limit}x {'met' if figure <= limit else 'NOT met'}"
            before = f"{BEFORE[name, level]}x" if (name, level) in BEFORE else ""
            print(f"{name:<22}{level:>8}{result['rps']:>9.1f}{ms(result['p50']):>9.1f}{ms(result['p95']):>9.1f}"
                  f"{shown:>26}{before:>8}{goal:>17}{result['errors'] + result['non2xx']:>8}", flush=True)
        print()
    top = max(levels)
    static_rps = results["static file (web)", top]["rps"]
    for name in ("search", "search, first time"):
        search = results[name, top]["rps"]
        share = ratio(search, static_rps)
        print(f"{name.capitalize()}: throughput at {top} clients {search:.1f} req/s, {share:.3f} of "
              f"the static file's {static_rps:.1f} (goal: at least 0.1, "
              f"{'met' if search >= static_rps / 10 else 'NOT met'}).")

    print(f"\nScale factor from 1 to 2 processes, {top} clients (throughput with 2 / throughput with 1):")
    uncached = {"headers": resident}
    settle(quiet)
    one = wrk(f"{web1}{page}", top, duration, **uncached)
    settle(quiet)
    two = wrk_together([f"{web1}{page}", f"{web2}{page}"], top, duration, **uncached)
    print(f"  uncached page, web processes: 1 = {one['rps']:.1f} req/s (p95 {ms(one['p95']):.0f} ms), "
          f"2 = {two['rps']:.1f} req/s (p95 {ms(two['p95']):.0f} ms): x{ratio(two['rps'], one['rps']):.2f}")
    rasa_scale(topology, top, duration, quiet, messages)
    print(f"\n({os.cpu_count()} CPU cores shared by every process and by wrk itself.)")


def rasa_scale(topology, clients, duration, quiet, messages):
    """Rasa servers 1 -> 2, each pinned to its own core (taskset), with the CPU each used: the figure measures the
    design (no shared lock or store holding them back), not how many cores the machine has left."""
    (rasa1, rasa2), webhook = topology.rasa_urls, "/webhooks/rest/webhook"
    servers = [pids_listening_on(url.rsplit(":", 1)[1]) for url in (rasa1, rasa2)]
    for core, pids in enumerate(servers):
        pin(pids, core % (os.cpu_count() or 1))
    runs, efficiency = {}, {}
    for label, targets in (("1", [rasa1]), ("2", [rasa1, rasa2])):
        settle(quiet)
        before = [cpu_seconds(pids) for pids in servers]
        started = time.monotonic()
        result = wrk_together([f"{url}{webhook}" for url in targets], clients, duration, body=RASA_BODY,
                              messages=messages)
        elapsed = time.monotonic() - started
        used = [100 * (cpu_seconds(pids) - was) / elapsed for pids, was in zip(servers, before, strict=True)]
        runs[label] = result
        # Turns per second of Rasa CPU: the same with 2 servers as with 1 when nothing shared holds them back
        efficiency[label] = ratio(result["rps"], sum(used) / 100)
        cpu = ", ".join(f"rasa{n + 1} {percent:.0f}%" for n, percent in enumerate(used))
        print(f"  chat turn, Rasa servers pinned to cores 0 and 1: {label} = {result['rps']:.1f} turns/s "
              f"(p95 {ms(result['p95']):.0f} ms), CPU {cpu}; {efficiency[label]:.1f} turns per Rasa CPU-second")
    factor = ratio(runs["2"]["rps"], runs["1"]["rps"])
    per_cpu = ratio(efficiency["2"], efficiency["1"])
    print(f"  Rasa turns per CPU-second, 2 servers / 1: x{per_cpu:.2f} (1.0: each server does as much as one alone; "
          "below: something shared holds them back)")
    print(f"  Rasa 1 -> 2: x{factor:.2f} (goal: at least 1.8, {'met' if factor >= 1.8 else 'NOT met'})")


if __name__ == "__main__":
    main()
