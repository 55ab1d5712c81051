"""Benchmark: how well the assistant's second opinion (the pages' own words, bot/actions/knowledge.py) finds a
page that an editor has just taught, before any retraining. Not a test: it asserts nothing.

For each page the assistant answers, in turn: the page keeps only its first 12 questions (as a newly taught page
would have), every other page keeps its own, and the page's other questions (residents' phrasings the index has
not seen) are asked of the index, as the action server asks it about untrained pages (its words with its
sentences). It prints the share for which the page comes first with at least actions.understand.NEW_PAGE (so
the assistant answers it or offers it), first at all, and in the top 3, beside the same figures without the
sentences, and the time per question.

Run with the bot's environment, against a running site (`make run`) or a saved /api/bot/knowledge/ answer:

    bot/.venv/bin/python bench/taught_pages.py [--url http://127.0.0.1:8000 | --file knowledge.json]
"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bot"))

from actions.knowledge import KnowledgeIndex  # noqa: E402
from actions.understand import NEW_PAGE  # noqa: E402

KEPT = 12


def load(args):
    if args.file:
        return json.loads(Path(args.file).read_text())["pages"]
    import requests

    return requests.get(f"{args.url.rstrip('/')}/api/bot/knowledge/", timeout=30).json()["pages"]


def measure(pages, with_passages):
    found = {"answerable": 0, "first": 0, "top3": 0, "asked": 0}
    started = time.perf_counter()
    build_seconds = []
    for page in pages:
        unseen = page["questions"][KEPT:]
        if not unseen:
            continue
        built = time.perf_counter()
        index = KnowledgeIndex([{**other, "questions": other["questions"][:KEPT]} if other is page else other
                                for other in pages])
        build_seconds.append(time.perf_counter() - built)
        for question in unseen:
            ranked = index.rank(question, limit=3, with_passages=with_passages)
            keys = [key for key, _ in ranked]
            found["asked"] += 1
            found["first"] += keys[0] == page["key"]
            found["top3"] += page["key"] in keys
            found["answerable"] += keys[0] == page["key"] and ranked[0][1] >= NEW_PAGE
    asked = found["asked"] or 1
    seconds = time.perf_counter() - started - sum(build_seconds)
    return {name: value / asked for name, value in found.items() if name != "asked"} | {
        "asked": found["asked"], "ms_per_question": 1000 * seconds / asked,
        "index_build_ms": 1000 * statistics.median(build_seconds) if build_seconds else 0.0}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--file")
    args = parser.parse_args()
    started = time.perf_counter()
    pages = load(args)
    print(f"{len(pages)} pages loaded in {time.perf_counter() - started:.1f} s")
    for label, with_passages in (("words", False), ("words and sentences", True)):
        stage = time.perf_counter()
        result = measure(pages, with_passages)
        print(f"{label:20} first with >= {NEW_PAGE}: {result['answerable']:.1%}  first: {result['first']:.1%}  "
              f"top 3: {result['top3']:.1%}  ({result['asked']} phrasings, {result['ms_per_question']:.2f} ms each; "
              f"index built in {result['index_build_ms']:.0f} ms; stage {time.perf_counter() - stage:.0f} s)")


if __name__ == "__main__":
    main()
