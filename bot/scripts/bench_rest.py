"""Benchmark (not a test): a full chat turn through the REST channel vs NLU alone.

Needs the running stack: Rasa (`make bot-run-rasa`, port 5005, started with
--enable-api), the action server (`make bot-run-actions`, port 5055) and the web
app (port 8000) that the actions call.

For each of N messages it sends the same text, side by side in one run:
  * POST /webhooks/rest/webhook  - NLU + dialogue policies + custom action + web API;
  * POST /model/parse            - NLU only;
then prints p50 and p95 latency for each and the ratio REST / parse.

    .venv/bin/python scripts/bench_rest.py                 # 100 messages
    .venv/bin/python scripts/bench_rest.py -n 300 --rasa-url http://127.0.0.1:5005

Every REST message uses a new sender id, so each is the first turn of a fresh
conversation (no form left half-filled by the previous text).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from typing import Callable, List

import requests

TEXTS = [
    "when is my bin day",
    "my bin wasn't emptied",
    "I need a new wheelie bin",
    "is the tip open on sunday",
    "can I recycle pizza boxes",
    "how do I pay my council tax",
    "I live on my own, can I get a discount",
    "help with rent",
    "my landlord won't fix the damp",
    "do I need planning permission for a fence",
    "pay my PCN",
    "there's a pothole on my road",
    "someone dumped a mattress in the lane",
    "neighbours playing loud music",
    "who is my councillor",
    "register to vote",
    "what time are you open",
    "I want to make a complaint",
    "hello",
    "are you a bot?",
]


def percentile(values: List[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100.0
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def timed(call: Callable[[], requests.Response]) -> float:
    start = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - start) * 1000.0
    response.raise_for_status()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description="REST channel vs /model/parse latency")
    parser.add_argument("-n", "--messages", type=int, default=100)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--unique", action="store_true",
                        help="make every message new (a number on the end): no answer the action server has "
                             "kept for a sentence it saw before is reused")
    args = parser.parse_args()

    base = args.rasa_url.rstrip("/")
    session = requests.Session()
    run_id = uuid.uuid4().hex[:8]

    def rest(text: str, i: int) -> requests.Response:
        return session.post(
            f"{base}/webhooks/rest/webhook",
            json={"sender": f"bench-{run_id}-{i}", "message": text,
                  "metadata": {"page": "/"}},
            timeout=args.timeout,
        )

    def parse(text: str) -> requests.Response:
        return session.post(f"{base}/model/parse", json={"text": text}, timeout=args.timeout)

    try:
        session.get(f"{base}/status", timeout=5).raise_for_status()
    except requests.RequestException as exc:
        print(f"Rasa is not reachable at {base} with --enable-api ({exc}).", file=sys.stderr)
        print("Start it with `make bot-run` (and the web app) first.", file=sys.stderr)
        return 2

    for i in range(args.warmup):
        text = TEXTS[i % len(TEXTS)]
        rest(text, -1 - i)
        parse(text)

    rest_ms: List[float] = []
    parse_ms: List[float] = []
    for i in range(args.messages):
        text = TEXTS[i % len(TEXTS)] + (f" #{i}" if args.unique else "")
        # Alternate which goes first so neither always gets a warm cache.
        if i % 2:
            parse_ms.append(timed(lambda: parse(text)))
            rest_ms.append(timed(lambda: rest(text, i)))
        else:
            rest_ms.append(timed(lambda: rest(text, i)))
            parse_ms.append(timed(lambda: parse(text)))

    rows = [("REST /webhooks/rest/webhook", rest_ms), ("NLU /model/parse", parse_ms)]
    distinct = args.messages if args.unique else len(TEXTS)
    print(f"{args.messages} messages, {distinct} distinct texts, Rasa at {base}")
    print(f"{'endpoint':30s} {'p50 ms':>9s} {'p95 ms':>9s} {'mean ms':>9s}")
    for name, values in rows:
        print(f"{name:30s} {percentile(values, 50):9.1f} {percentile(values, 95):9.1f} "
              f"{statistics.fmean(values):9.1f}")
    print(
        f"ratio REST / parse: p50 {percentile(rest_ms, 50) / percentile(parse_ms, 50):.2f}x, "
        f"p95 {percentile(rest_ms, 95) / percentile(parse_ms, 95):.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
