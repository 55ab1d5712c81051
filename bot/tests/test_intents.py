"""The intent -> catalogue page mapping agrees with the domain, data and catalogue."""

import os
import re
from pathlib import Path

import pytest
import yaml

from actions.intents import INTENT_PAGES, START_NOW_KINDS

from conftest import BOT_DIR


def _yaml(path):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


# Two titles in the shared catalogue are unquoted inside {...} ("Do you need planning
# permission?", "Comments, compliments and complaints"), which YAML cannot read as
# meant: quote every flow-mapping title first (the same fix as the site's tests).
UNQUOTED_TITLE = re.compile(r"title: (?![\"'])(.*?), kind:")


def _read_catalogue(path):
    text = Path(path).read_text(encoding="utf-8")
    return yaml.safe_load(
        UNQUOTED_TITLE.sub(lambda m: f'title: "{m.group(1)}", kind:', text))


def _catalogue_path():
    candidates = [
        os.environ.get("CONTENT_CATALOGUE", ""),
        BOT_DIR.parent / "shared" / "content-catalogue.yaml",
        BOT_DIR.parent.parent / "shared" / "content-catalogue.yaml",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _nlu_examples():
    counts = {}
    for path in sorted((BOT_DIR / "data" / "nlu").glob("*.yml")):
        for item in _yaml(path).get("nlu", []):
            if "intent" in item:
                lines = [l for l in item["examples"].splitlines() if l.strip().startswith("- ")]
                counts[item["intent"]] = counts.get(item["intent"], 0) + len(lines)
    return counts


def _rule_steps():
    steps = []
    for folder in ("rules", "stories"):
        for path in sorted((BOT_DIR / "data" / folder).glob("*.yml")):
            data = _yaml(path)
            for block in data.get("rules", []) + data.get("stories", []):
                steps.append(block["steps"])
    return steps


def test_every_mapped_intent_is_in_the_domain():
    domain_intents = set(_yaml(BOT_DIR / "domain.yml")["intents"])
    assert set(INTENT_PAGES) <= domain_intents


def test_every_mapped_intent_has_at_least_15_examples():
    counts = _nlu_examples()
    too_few = {i: counts.get(i, 0) for i in INTENT_PAGES if counts.get(i, 0) < 15}
    assert not too_few
    assert counts["out_of_scope"] >= 15


def test_every_task_intent_except_bin_day_is_answered_from_the_cms():
    answered = set()
    for steps in _rule_steps():
        for first, second in zip(steps, steps[1:]):
            if "intent" in first and second.get("action") == "action_answer_from_cms":
                answered.add(first["intent"])
    assert answered >= set(INTENT_PAGES) - {"bin_collection_day"}


def test_paths_look_like_site_paths():
    for intent, page in INTENT_PAGES.items():
        assert page.path.startswith("/") and page.path.endswith("/"), intent
        assert page.title, intent


def test_mapping_matches_the_content_catalogue():
    path = _catalogue_path()
    if path is None:
        pytest.skip("content-catalogue.yaml not found (set CONTENT_CATALOGUE)")
    catalogue = _read_catalogue(path)
    tasks = {t["path"]: t for area in catalogue["areas"] for t in area["tasks"]}
    journeys = {j["path"]: j for j in catalogue["journeys"]}

    # every catalogue task and journey has exactly one intent
    mapped_paths = [page.path for page in INTENT_PAGES.values()]
    assert len(mapped_paths) == len(set(mapped_paths))
    assert set(tasks) | set(journeys) == set(mapped_paths)

    for intent, page in INTENT_PAGES.items():
        if page.path in tasks:
            task = tasks[page.path]
            assert page.title == task["title"], intent
            assert page.kind == task["kind"], intent
        else:
            assert page.title == journeys[page.path]["title"], intent
            assert page.kind == "step_by_step"


def test_start_now_kinds():
    assert START_NOW_KINDS == {"report", "apply", "pay", "book"}
    assert INTENT_PAGES["report_missed_bin"].has_online_form
    assert not INTENT_PAGES["report_pothole"].has_online_form
