"""bot/ holds only the conversational core: the content intents come from the CMS export."""

from pathlib import Path

import yaml

from conftest import BOT_DIR

CORE_INTENTS = {
    "bin_collection_day", "inform_postcode", "dont_know_postcode", "risk_of_harm", "greet", "thanks", "goodbye",
    "bot_challenge", "out_of_scope", "request_human", "stop", "not_helpful", "ask_what_you_can_do",
    "ask_cost", "ask_what_you_need",
}


def _yaml(path):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def _data_files(folder):
    return sorted((BOT_DIR / "data" / folder).glob("*.yml"))


def test_the_core_domain_has_only_the_conversational_intents():
    assert set(_yaml(BOT_DIR / "domain.yml")["intents"]) == CORE_INTENTS


def test_core_nlu_data_teaches_only_core_intents_each_with_15_examples_or_more():
    counts = {}
    for path in _data_files("nlu"):
        for item in _yaml(path).get("nlu", []):
            if "intent" in item:
                examples = [l for l in item["examples"].splitlines() if l.strip().startswith("- ")]
                counts[item["intent"]] = counts.get(item["intent"], 0) + len(examples)
    assert set(counts) == CORE_INTENTS
    assert min(counts.values()) >= 15


def test_core_rules_and_stories_use_only_core_intents_and_never_answer_from_the_cms():
    for folder in ("rules", "stories"):
        for path in _data_files(folder):
            data = _yaml(path)
            for block in data.get("rules", []) + data.get("stories", []):
                for step in block["steps"]:
                    assert step.get("intent", "greet") in CORE_INTENTS | {"nlu_fallback"}, (path.name, step)
                    assert step.get("action") != "action_answer_from_cms", (path.name, block)


def test_no_core_example_teaches_two_intents():
    # "i don't know my postcode" was taught as both stop and dont_know_postcode; rasa's validator
    # compares examples as written, so a difference of case or punctuation hid it.
    import re

    seen = {}
    for path in _data_files("nlu"):
        for item in _yaml(path).get("nlu", []):
            if "intent" not in item:
                continue
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()[2:])  # entity markup
                    key = " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))
                    seen.setdefault(key, set()).add(item["intent"])
    assert {text: intents for text, intents in seen.items() if len(intents) > 1} == {}
