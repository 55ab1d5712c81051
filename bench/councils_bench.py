"""Benchmark: several councils on one installation. Not a test: it asserts nothing.

Builds a throwaway database (a temporary SQLite file unless --database-url names a throwaway PostgreSQL
database), loads the demo councils, gives Westmere --pages generated pages of a council's long tail
(bench/bulk_pages.py) and measures one council: search (the full site search on Westmere's site, p50/p95 and
top 3 over search/relevance.yaml) and the web side of a chat turn (what the action server asks the web API as the
resident's council: the answer by chat key, the council's details, the pages' words for the assistant's
retrieval). Then it adds councils up to --councils, each a Wagtail Site with its own home page, settings and
--pages generated pages, indexes again and measures the same on Westmere and on the last council added, in the
same run: ratios against one council's.

The Rasa model is not run: it is one model for every council (a service's key is one intent for all), so its
parse does not grow with councils; prod_load.py measures it.

    python bench/councils_bench.py [--councils 10] [--pages 500] [--rounds 3] [--database-url postgres://...]

OPENSEARCH_URL (or ELASTICSEARCH_URL) measures the search server instead of the database backend (indexes
prefixed "councils_bench_", deleted afterwards).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]

from bench.search_bench import percentile, setup_django, time_queries  # noqa: E402

CHAT_KEYS = ("bulky_waste", "report_missed_bin", "pay_council_tax")


def add_council(number):
    """Council `number`: Fellside's content file (its pages, forms and chat pages) as a council of its own, on
    council<number>.localhost with its own home page, name and reference prefix."""
    from wagtail.models import Site

    from cms_pages.demo.loader import FELLSIDE_FILE, CouncilLoader, load_content

    content = load_content(FELLSIDE_FILE)
    name = f"Council {number} District Council"
    content["site"] = {"hostname": f"council{number}.localhost", "home_slug": f"council-{number}"}
    content["council"] = {**content["council"], "name": name, "short_name": f"Council {number}",
                          "wordmark": name, "reference_prefix": "C" + chr(ord("A") + number),
                          "email_from": f"{name} <no-reply@council{number}.example.org>"}
    CouncilLoader(content, default=False).run()
    return Site.objects.get(hostname=f"council{number}.localhost")


def measure(label, site, queries, expected, rounds):
    from django.test import Client

    from search import engine
    from search.vocabulary import get_vocabulary, invalidate

    invalidate()
    get_vocabulary()
    for query in queries[:5]:  # warm up
        engine.search(query, site=site)
    search = time_queries(queries, rounds, lambda q: engine.search(q, site=site, limit=10))
    misses = sum(1 for q in queries
                 if expected.get(q) and expected[q] not in [hit.url for hit in engine.search(q, site=site).hits][:3])
    client = Client(HTTP_HOST=site.hostname, HTTP_AUTHORIZATION="Bearer bench")
    calls = [("/api/bot/answer/", {"key": key}) for key in CHAT_KEYS]
    calls += [("/api/bot/council/", {}), ("/api/bot/knowledge/", {})]
    for path, params in calls:  # warm up: the kept answers, as in production
        client.get(path, params)
    chat = time_queries(calls, rounds * 20, lambda call: client.get(*call))
    return {"label": label, "search": search, "top3": 1 - misses / len(queries) if expected else None, "chat": chat}


def report(one, many, councils, pages):
    print(f"\n{'':36}{'1 council':>14}" + "".join(f"{r['label']:>22}" for r in many))
    rows = [
        ("site search p50", lambda r: statistics.median(r["search"]), "ms"),
        ("site search p95", lambda r: percentile(r["search"], 0.95), "ms"),
        ("web side of a chat turn p50", lambda r: statistics.median(r["chat"]), "ms"),
        ("web side of a chat turn p95", lambda r: percentile(r["chat"], 0.95), "ms"),
    ]
    for name, value, unit in rows:
        base = value(one)
        cells = "".join(f"{value(r):>9.1f} {unit} {value(r) / base:4.2f}x" for r in many)
        print(f"  {name:34}{base:>11.1f} {unit}{cells}")
    print(f"  {'expected page in top 3 (Westmere)':34}{one['top3']:>14.1%}{many[0]['top3']:>22.1%}")
    print(f"\n  {councils} councils of {pages:,} generated pages each (plus the demo pages) on one installation; "
          "ratios against one council, measured in the same run.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--councils", type=int, default=10)
    parser.add_argument("--pages", type=int, default=500, help="generated pages per council (default 500)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="a THROWAWAY database to use instead of a temporary SQLite file")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="councils-bench-"))
    servers = {name: os.environ.pop(f"{name}_URL", "") for name in ("OPENSEARCH", "ELASTICSEARCH")}
    os.environ["LOG_LEVEL"] = "ERROR"
    try:
        setup_django(args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}")
        import yaml
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from wagtail.models import Site

        from bench.bulk_pages import generate
        from customer_connect.settings.search_backends import (
            database_backend,
            elasticsearch_backend,
            opensearch_backend,
        )

        label, url = next(((name.lower(), url) for name, url in servers.items() if url), ("database", ""))
        make = {"opensearch": opensearch_backend, "elasticsearch": elasticsearch_backend}.get(label)
        backend = make(url, index_prefix="councils_bench_", timeout=120) if make else database_backend()
        settings.WAGTAILSEARCH_BACKENDS = {"default": {**backend, "AUTO_UPDATE": False}, "database": database_backend()}
        settings.BOT_API_TOKEN = "bench"
        settings.SEARCH_RESULTS_CACHE_SECONDS = 0  # every search is searched, as a first-time search is
        print(f"Councils benchmark: {args.councils} councils x {args.pages:,} pages on {connection.vendor}, "
              f"search on {label}")
        call_command("migrate", verbosity=0)
        call_command("load_demo_council", stdout=open(os.devnull, "w"))
        westmere = Site.objects.get(is_default_site=True)
        start = time.perf_counter()
        generate(args.pages, seed=1, home=westmere.root_page.specific)
        relevance = yaml.safe_load((REPO / "search" / "relevance.yaml").read_text())["queries"]
        expected = {item["q"]: item["expect"] for item in relevance}
        queries = list(expected)

        def index():
            began = time.perf_counter()
            call_command("update_index", backend_name="default", stdout=open(os.devnull, "w"))
            return time.perf_counter() - began

        took = index()
        print(f"  1 council: generated and indexed in {time.perf_counter() - start:.1f} s (index {took:.1f} s)")
        one = measure("1 council", westmere, queries, expected, args.rounds)

        start = time.perf_counter()
        others = []
        for number in range(2, args.councils):  # Fellside is the second council already
            site = add_council(number)
            generate(args.pages, seed=number, home=site.root_page.specific)
            others.append(site)
        fellside = Site.objects.get(hostname="fellside.localhost")
        generate(args.pages, seed=99, home=fellside.root_page.specific)
        took = index()
        print(f"  {args.councils} councils: generated in {time.perf_counter() - start - took:.1f} s, "
              f"indexed in {took:.1f} s")
        last = others[-1] if others else fellside
        many = [measure(f"{args.councils}: Westmere", westmere, queries, expected, args.rounds),
                measure(f"{args.councils}: {last.hostname.split('.')[0]}", last, queries, {}, args.rounds)]
        report(one, many, args.councils, args.pages)
        if make:
            from modelsearch.backends import get_search_backend

            client = get_search_backend("default").es
            for name in client.indices.get(index="councils_bench_*"):
                client.indices.delete(index=name)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
