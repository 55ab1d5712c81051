"""Benchmark: the home page and a task page against a static file of the same size, same gunicorn.

Serves the site with production settings (gunicorn + whitenoise) on localhost, then measures
requests/second and p50/p95 latency for each URL in one run and prints the ratios. Also prints the
page weight (HTML + CSS + JS, gzip) a phone downloads. Not a test: it asserts nothing.

    python bench/page_vs_static.py [--requests 400] [--concurrency 4]
"""
import argparse
import gzip
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PORT = 8765
PAGES = {"home page": "/", "task page": "/bins-and-recycling/report-a-missed-bin/"}


def django_env(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "customer_connect.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-secret",
        "BOT_API_TOKEN": "bench-only-token",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on localhost, no proxy in front
        "DJANGO_ALLOW_LOCAL_CACHE": os.environ.get("DJANGO_ALLOW_LOCAL_CACHE", "true"),
        "SITE_BASE_URL": f"http://localhost:{PORT}",
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def get(path, conn=None):
    conn = conn or http.client.HTTPConnection("localhost", PORT, timeout=30)
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    body = response.read()
    return response.status, body


def measure(path, requests, concurrency):
    latencies, lock = [], threading.Lock()
    per_thread = requests // concurrency

    def worker():
        mine = []
        for _ in range(per_thread):
            start = time.perf_counter()
            status, _ = get(path)
            mine.append(time.perf_counter() - start)
            assert status == 200, (path, status)
        with lock:
            latencies.extend(mine)

    for _ in range(20):  # warm up
        get(path)
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=20)
    return {"rps": len(latencies) / elapsed, "p50": statistics.median(latencies) * 1000, "p95": quantiles[18] * 1000}


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=6))


class Server:
    """gunicorn serving the site with production settings, as it would run live."""

    def __init__(self, env, workers):
        self.env, self.workers = env, workers

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--pythonpath", "site", "-w", str(self.workers),
             "-b", f"127.0.0.1:{PORT}", "customer_connect.wsgi:application"],
            cwd=REPO, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(150):
            try:
                get("/")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait()


def row(label, size, result):
    print(f"{label:<34}{size:>8}{result['rps']:>9.0f}{result['p50']:>9.1f}{result['p95']:>9.1f}")


def ratio_row(label, page, static):
    print(f"{label:<34}{'':>8}{static['rps'] / page['rps']:>8.2f}x"
          f"{page['p50'] / static['p50']:>8.2f}x{page['p95'] / static['p95']:>8.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        env = django_env(workdir)
        static_root = Path(workdir) / "static"
        env["STATIC_ROOT"] = str(static_root)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_council")
        manage(env, "collectstatic", "--noinput")

        # Static files the same size as each page; whitenoise indexes STATIC_ROOT when it starts.
        pages = {}
        with Server(env, args.workers):
            for label, path in PAGES.items():
                _, html = get(path)
                static_name = f"bench-{label.replace(' ', '-')}.html"
                (static_root / static_name).write_bytes(html)
                pages[label] = (path, len(html), f"/static/{static_name}")

        print(f"gunicorn, {args.workers} sync workers; {args.requests} requests per URL, {args.concurrency} at once")
        print("ratios: req/s is static/page, latency is page/static (1.00x = as fast as the static file)\n")
        print(f"{'what':<34}{'bytes':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
        for cache_seconds, note in (("60", "page cache on (default)"), ("0", "page cache off: every request renders")):
            print(f"-- {note}")
            with Server({**env, "PAGE_CACHE_SECONDS": cache_seconds}, args.workers):
                for label, (path, size, static_path) in pages.items():
                    page = measure(path, args.requests, args.concurrency)
                    static = measure(static_path, args.requests, args.concurrency)
                    row(label, size, page)
                    row("  static file, same size", size, static)
                    ratio_row("  ratio", page, static)

        with Server(env, args.workers):
            _, html = get(PAGES["task page"])
            weight = {"HTML (task page)": gzip_size(html)}
            for asset in ("dist/westmere.css", "dist/init.js"):  # the only stylesheet and the only script
                status, body = get(f"/static/{asset}")
                if status == 200:
                    weight[asset] = gzip_size(body)
        print("\nPage weight, gzip:")
        for name, size in weight.items():
            print(f"  {name:<32}{size / 1024:>7.1f} KB")
        print(f"  {'total':<32}{sum(weight.values()) / 1024:>7.1f} KB (aim: under 100 KB)")


if __name__ == "__main__":
    main()
