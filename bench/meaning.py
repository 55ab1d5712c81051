"""Benchmark: how the pages' meaning (a sentence model, bot/actions/meaning.py) helps the pages' words find the
right page. Not a test: it asserts nothing.

Two sets of messages, neither trained on by the index it asks:
* left out: a fifth of each page's questions (fixed seed), the index built from the other four fifths;
* new words: bench/fixtures/new_words.yaml, phrasings in words the pages do not use (a development set, apart
  from the held-back set, which is never tuned on).

For each, the share of messages whose page comes first: by the words alone, by the meaning alone, and by the
blend actions.knowledge uses (MEANING_SHARE, MEANING_FLOOR), with a few other shares beside it; and the time to
index the pages and to score one message.

Run with the bot's environment, against a running site (`make run`) or a saved /api/bot/knowledge/ answer:

    bot/.venv/bin/python bench/meaning.py [--url http://127.0.0.1:8000 | --file knowledge.json]
"""
import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bot"))

from actions import knowledge  # noqa: E402
from actions.meaning import get_encoder  # noqa: E402

NEW_WORDS = Path(__file__).parent / "fixtures" / "new_words.yaml"
SHARES = (0.0, 0.3, 0.5, 0.7, 1.0)


def load(args):
    if args.file:
        body = json.loads(Path(args.file).read_text())
    else:
        import requests

        body = requests.get(f"{args.url.rstrip('/')}/api/bot/knowledge/", timeout=30).json()
    return body["pages"], body.get("synonyms") or []


def left_out(pages, seed=7):
    kept, asked = [], []
    rng = random.Random(seed)
    for page in pages:
        questions = list(page.get("questions") or [])
        rng.shuffle(questions)
        count = max(1, len(questions) // 5)
        asked += [(text, page["key"]) for text in questions[:count]]
        kept.append({**page, "questions": questions[count:]})
    return kept, asked


def new_words(pages):
    keys = {page["key"] for page in pages}
    wanted = yaml.safe_load(NEW_WORDS.read_text())
    return [(text, key) for key, texts in wanted.items() if key in keys for text in texts]


def first_shares(index, asked):
    """For each share of the meaning: the share of messages whose page comes first."""
    words = np.array([index._scores(text, index.expand(text)) for text, _ in asked])
    meaning = np.array([index.meaning(text) for text, _ in asked])
    gold = np.array([index.keys.index(key) for _, key in asked])
    return {share: float((((1 - share) * words + share * meaning).argmax(1) == gold).mean()) for share in SHARES}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--file")
    args = parser.parse_args()
    pages, synonyms = load(args)
    encoder = get_encoder()
    if encoder is None:
        sys.exit("The sentence model is not installed (make bot-venv)")
    started = time.perf_counter()
    encoder.encode(["warm up"])
    kept, asked_left_out = left_out(pages)
    index = knowledge.KnowledgeIndex(kept, synonyms, encoder=encoder)
    indexed = time.perf_counter() - started
    full = knowledge.KnowledgeIndex(pages, synonyms, encoder=encoder)
    asked_new = new_words(pages)
    print(f"Pages: {len(pages)}; indexed (words and meaning, no sentence seen before) in {indexed:.1f} s")
    print(f"Used: MEANING_SHARE {knowledge.MEANING_SHARE}, MEANING_FLOOR {knowledge.MEANING_FLOOR} "
          "(share 0 = words alone, 1 = meaning alone)")
    for name, index_used, asked in (("left-out questions", index, asked_left_out), ("new words", full, asked_new)):
        shares = first_shares(index_used, asked)
        figures = ", ".join(f"{share:.1f}: {value:.1%}" for share, value in shares.items())
        print(f"{name} ({len(asked)}): first by share of meaning {figures}")
    texts = [text for text, _ in asked_new]
    started = time.perf_counter()
    for text in texts:
        full.scores(text + " now")  # a sentence not seen before
    per_message = (time.perf_counter() - started) / len(texts)
    started = time.perf_counter()
    for text in texts:
        full._scores(text, full.expand(text))
    words_only = (time.perf_counter() - started) / len(texts)
    print(f"Scoring one new message: {per_message * 1000:.1f} ms with the meaning, {words_only * 1000:.1f} ms "
          f"words alone ({per_message / words_only:.1f}x)")


if __name__ == "__main__":
    main()
