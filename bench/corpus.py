"""What the load benchmarks ask: at least 200 distinct searches and 200 distinct chat messages, in residents' words,
so that no cache answers a repeated question and the figures are those of varied traffic.

Made from the relevance set's queries (search/relevance.yaml), the development phrasings of bench/fixtures/
new_words.yaml (never the held-back set), and plain combinations of council services with what residents want
to know about them. Deterministic: the same lists every run.
"""
from itertools import product
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SERVICES = [
    "bin", "recycling", "garden waste", "bulky waste", "council tax", "parking permit", "parking fine",
    "housing", "noise", "pest control", "pothole", "street light", "fly-tipping", "blue badge", "library",
    "planning application", "business rates", "dropped kerb", "allotment", "food waste",
]
ASKS = ["cost", "how to apply", "opening times", "report a problem", "who to contact", "discount", "form"]
QUESTIONS = ["how much is {}", "how do I apply for {}", "can I get help with {}", "who do I contact about {}"]


def relevance_queries():
    return [item["q"] for item in yaml.safe_load((REPO / "search" / "relevance.yaml").read_text())["queries"]]


def new_words():
    phrasings = yaml.safe_load((REPO / "bench" / "fixtures" / "new_words.yaml").read_text())
    return [message for messages in phrasings.values() for message in messages]


def distinct(items):
    return list(dict.fromkeys(" ".join(item.split()) for item in items))


def search_queries(at_least=200):
    """Searches residents type: the relevance set, new phrasings, then service + what they want to know."""
    queries = distinct(relevance_queries() + new_words() + [f"{s} {a}" for s, a in product(SERVICES, ASKS)])
    assert len(queries) >= at_least, len(queries)
    return queries


# What residents add to a search ("bin collection near me"): each makes every search a new one.
QUALIFIERS = [
    "westmere", "near me", "online", "this week", "today", "phone number", "help", "2026", "for my street",
    "opening hours", "cost", "form", "email", "how long", "rules", "contact", "nearest", "change", "cancel",
    "forms", "when", "where", "my address", "new", "problem", "late", "missed", "apply", "info", "support",
]


def first_time_searches(at_least=2000):
    """Enough distinct searches that a first-time run never runs out of them before its time is up (so its
    throughput is the site's, not the list's length / the run's time): the searches, then each with a qualifier."""
    searches = search_queries()
    queries = distinct(searches + [f"{q} {word}" for word in QUALIFIERS for q in searches])
    assert len(queries) >= at_least, len(queries)
    return queries


def chat_messages(at_least=200):
    """Questions residents send the assistant: whole sentences, never asking for a person (no handover)."""
    asked = [template.format(service) for template, service in product(QUESTIONS, SERVICES)]
    messages = distinct(new_words() + relevance_queries() + asked)
    assert len(messages) >= at_least, len(messages)
    return messages
