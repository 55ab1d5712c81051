"""Benchmark: how the pages' meaning (a sentence model, bot/actions/meaning.py) helps the pages' words find the
right page. Not a test: it asserts nothing.

Two sets of messages, neither trained on by the index it asks:
* left out: a fifth of each page's questions (fixed seed), the index built from the other four fifths;
* new words: bench/fixtures/new_words.yaml, phrasings in words the pages do not use (a development set, apart
  from the held-back set, which is never tuned on).

For each, the share of messages whose page comes first by the words and by the meaning; how often the meaning is
sure (actions.understand.MEANING_SURE and MEANING_AHEAD) and right when it is; and the same for a few messages about
other subjects (it should rarely be sure of those). And the time to index the pages and to score one message.

Run with the bot's environment, against a running site (`make run`) or a saved /api/bot/knowledge/ answer:

    bot/.venv/bin/python bench/meaning.py [--url http://127.0.0.1:8000 | --file knowledge.json]
"""
import argparse
import json
import random
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bot"))

from actions import knowledge  # noqa: E402
from actions.meaning import get_encoder  # noqa: E402
from actions.understand import MEANING_AHEAD, MEANING_SURE, Message  # noqa: E402

NEW_WORDS = Path(__file__).parent / "fixtures" / "new_words.yaml"
# Not council services (or not this council's): the meaning should rarely be sure of a page for these.
OTHER_SUBJECTS = [
    "who won the football last night", "what's the weather like tomorrow", "tell me a joke",
    "how do I renew my passport", "can you book me a doctor's appointment", "when does the last train leave",
    "I need a new driving licence", "how do I apply for a mortgage", "where can I buy a cheap sofa",
    "is the swimming pool open on sundays",
]


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


def figures(index, asked):
    """(first by the words, first by the meaning, sure, right when sure) as shares of the messages."""
    words = first = sure = right = 0
    for text, key in asked:
        words += index.rank(text, limit=1)[0][0] == key
        meant = index.meant(text)
        first += meant[0][0] == key
        if Message(text=text, meaning_search=lambda found=meant: found).meaning:
            sure += 1
            right += meant[0][0] == key
    return words / len(asked), first / len(asked), sure / len(asked), right / max(sure, 1)


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
    print(f"Sure: similarity {MEANING_SURE} or more, {MEANING_AHEAD} ahead of the next page")
    sets = (("left-out questions", index, asked_left_out), ("new words", full, asked_new),
            ("other subjects", full, [(text, None) for text in OTHER_SUBJECTS]))
    for name, index_used, asked in sets:
        words, first, sure, right = figures(index_used, asked)
        print(f"{name} ({len(asked)}): first by the words {words:.1%}, by the meaning {first:.1%}; "
              f"meaning sure {sure:.1%}, right when sure {right:.1%}")
    texts = [text for text, _ in asked_new]
    started = time.perf_counter()
    for text in texts:
        full.meant(text + " now")  # a sentence not seen before
    meaning_time = (time.perf_counter() - started) / len(texts)
    started = time.perf_counter()
    for text in texts:
        full.rank(text + " now")
    words_time = (time.perf_counter() - started) / len(texts)
    print(f"One new message: {meaning_time * 1000:.1f} ms for its meaning, {words_time * 1000:.1f} ms for its "
          f"words ({meaning_time / words_time:.1f}x)")

if __name__ == "__main__":
    main()
