"""Issue 21's held-back set (tests/held_back/) is big enough, points at pages that exist, and stays apart from
the training data; and the runner (scripts/held_back_report.py) reads replies as documented.

Near-duplicate: a held-back sentence and a training sentence, both normalised (lower case, apostrophes
dropped, anything but letters and digits a space), are too close when

* the Jaccard similarity of their sets of words is at least 0.8 (same words, whatever the order), or
* difflib's SequenceMatcher ratio of the two strings is at least 0.9 (a typo, an "s", a word more).

Training sentences: every chat question of every page in cms_pages/demo/content.yaml (every list of strings
in a page's `chat`, so follow-up questions added later count too), every example in bot/data/ NLU files
(entity markup removed) and every `user:` text in bot/data/ stories and rules.
"""
from __future__ import annotations

import csv
import difflib
import functools
import importlib.util
import re
import sys
from pathlib import Path

import pytest
import responses
import yaml

BOT_DIR = Path(__file__).resolve().parent.parent
REPO = BOT_DIR.parent
CONTENT = REPO / "cms_pages" / "demo" / "content.yaml"
ADDRESSES = REPO / "cms_pages" / "demo" / "addresses.csv"

JACCARD_MAX = 0.8
RATIO_MAX = 0.9
MIN_CONVERSATIONS = 60
MIN_FIRST_QUESTIONS = 40
MIN_PER_KIND = 4


def load_runner():
    spec = importlib.util.spec_from_file_location("held_back_report", BOT_DIR / "scripts" / "held_back_report.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("held_back_report", module)
    spec.loader.exec_module(module)
    return module


runner = load_runner()
CONVERSATIONS = runner.load_conversations()
FIRST_QUESTIONS = runner.load_first_questions()


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@functools.lru_cache(maxsize=1)
def content_pages():
    return yaml.load(CONTENT.read_text(encoding="utf-8"), Loader=runner.YAML_LOADER)["pages"]


def training_sentences() -> list[tuple[str, str]]:
    """(where, sentence) for every training sentence."""
    found = []
    for page in content_pages():
        for name, value in (page.get("chat") or {}).items():
            if isinstance(value, list):
                found += [(f"content.yaml {page['path']} chat.{name}", str(q)) for q in value if isinstance(q, str)]
    for path in sorted((BOT_DIR / "data").rglob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=runner.YAML_LOADER) or {}
        where = str(path.relative_to(BOT_DIR))
        for item in data.get("nlu") or []:
            if "intent" not in item:
                continue
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    example = re.sub(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})", r"\1", line[2:])
                    found.append((f"{where} {item['intent']}", example))
        for story in (data.get("stories") or []) + (data.get("rules") or []):
            for step in story.get("steps") or []:
                if isinstance(step, dict) and isinstance(step.get("user"), str):
                    found.append((where, re.sub(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})", r"\1", step["user"])))
    return found


def held_back_sentences() -> list[tuple[str, str]]:
    return [
        (f"{item.id} turn {n}", turn.say)
        for item in CONVERSATIONS + FIRST_QUESTIONS for n, turn in enumerate(item.turns, 1)
    ]


def site_paths() -> set[str]:
    """Every page path of the demo council, each guide's parts, and <page>start/ for pages with a form."""
    paths = set()
    for page in content_pages():
        paths.add(page["path"])
        for part in page.get("parts") or []:
            paths.add(f"{page['path']}{part['slug']}/")
        if page.get("form"):
            paths.add(f"{page['path']}start/")
    return paths


def too_close(a: str, b: str) -> str | None:
    """Why normalised sentences a and b are near-duplicates, or None."""
    words_a, words_b = set(a.split()), set(b.split())
    if words_a or words_b:
        jaccard = len(words_a & words_b) / len(words_a | words_b)
        if jaccard >= JACCARD_MAX:
            return f"word Jaccard {jaccard:.2f}"
    # The ratio is 2 * matches / (len(a) + len(b)): lengths too far apart cannot reach RATIO_MAX.
    if a and b and 2 * min(len(a), len(b)) / (len(a) + len(b)) >= RATIO_MAX:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if matcher.quick_ratio() >= RATIO_MAX and matcher.ratio() >= RATIO_MAX:
            return f"difflib ratio {matcher.ratio():.2f}"
    return None


# --- the set --------------------------------------------------------------------------------------------


def test_there_are_enough_conversations_and_first_questions():
    assert len(CONVERSATIONS) >= MIN_CONVERSATIONS
    assert len(FIRST_QUESTIONS) >= MIN_FIRST_QUESTIONS


def test_every_kind_of_issue_21_has_conversations():
    for kind in runner.KINDS:
        count = sum(conversation.kind == kind for conversation in CONVERSATIONS)
        assert count >= MIN_PER_KIND, f"{kind}: {count} conversations"


def test_every_expected_path_is_a_page_of_the_demo_council():
    paths = site_paths()
    missing = [
        f"{item.id} turn {n}: {path}"
        for item in CONVERSATIONS + FIRST_QUESTIONS for n, turn in enumerate(item.turns, 1)
        for path in turn.expect_link if path not in paths
    ]
    assert not missing, "Not in content.yaml:\n" + "\n".join(missing)


def test_no_held_back_sentence_is_a_training_sentence_or_close_to_one():
    training = [(where, sentence, normalise(sentence)) for where, sentence in training_sentences()]
    assert len(training) > 2000  # the demo council's questions and the core's examples were all found
    clashes = []
    for where, sentence in held_back_sentences():
        said = normalise(sentence)
        for source, example, normalised in training:
            why = too_close(said, normalised)
            if why:
                clashes.append(f"{where}: {sentence!r} ~ {example!r} ({source}; {why})")
    assert not clashes, "Held-back sentences too close to training data:\n" + "\n".join(clashes)


def test_the_development_set_of_new_words_is_apart_from_the_held_back_set():
    # bench/meaning.py tunes the meaning on bench/fixtures/new_words.yaml: it must not hold held-back sentences.
    development = Path(__file__).resolve().parents[2] / "bench" / "fixtures" / "new_words.yaml"
    import yaml

    written = [text for texts in yaml.safe_load(development.read_text()).values() for text in texts]
    assert len(written) >= 40
    clashes = [f"{text!r} ~ {sentence!r}" for text in written for _, sentence in held_back_sentences()
               if too_close(normalise(text), normalise(sentence))]
    assert not clashes, "Development sentences too close to held-back ones:\n" + "\n".join(clashes)


def test_the_near_duplicate_check_catches_copies_and_passes_new_wording():
    assert too_close(normalise("My bin wasn't emptied!"), normalise("my bin wasnt emptied"))
    assert too_close(normalise("emptied my bin wasnt"), normalise("my bin wasnt emptied"))  # same words
    assert too_close(normalise("report a missed bins"), normalise("report a missed bin"))  # one letter
    assert not too_close(normalise("the bin men went straight past my house today"),
                         normalise("the lorry went past and missed my house"))


@pytest.mark.skipif(not ADDRESSES.exists(), reason="no demo address list")
def test_postcodes_in_the_set_are_demo_addresses():
    with ADDRESSES.open(encoding="utf-8") as rows:
        known = {row["postcode"] for row in csv.DictReader(rows)}
    full = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b")
    used = {f"{m.group(1)} {m.group(2)}"
            for _, sentence in held_back_sentences() for m in full.finditer(sentence.upper())}
    assert used and used <= known, sorted(used - known)


# --- the runner -----------------------------------------------------------------------------------------

KEYS = {"report_noise": "/environment/report-noise/", "planning_permission": "/planning/"}


def answer(path, start=True):
    links = [{"text": "Page", "url": path}] + ([{"text": "Start now", "url": f"{path}start/"}] if start else [])
    return [{"recipient_id": "x", "text": f"Report it online.\nFind out more: {path}"},
            {"recipient_id": "x", "custom": {"links": links, "answer": {"key": "k"}}}]


def search_fallback(*paths):
    lines = ["Sorry, I'm not sure I understood. These pages might help, or you can talk to a person:"]
    return [{"recipient_id": "x", "text": "\n".join(lines + [f"- Page: {p}" for p in paths]),
             "buttons": [{"title": "Talk to a person", "payload": "/request_human"}]},
            {"recipient_id": "x", "custom": {"links": [{"text": "Page", "url": p} for p in paths]}}]


def did_you_mean(*keys, others=()):
    return [{"recipient_id": "x", "text": "Sorry, I'm not sure I understood. Did you mean one of these?",
             "buttons": [{"title": key, "payload": f"/{key}"} for key in keys]},
            {"recipient_id": "x", "text": "These pages might also help, or you can talk to a person:\n"
             + "\n".join(f"- Page: {p}" for p in others)},
            {"recipient_id": "x", "custom": {"links": [{"text": "Page", "url": p} for p in others]}}]


def turn(**fields):
    return runner.make_turn({"say": "something", **fields}, "test")


def test_a_page_answer_passes_and_its_form_counts_for_the_page():
    noise = "/environment/report-noise/"
    assert runner.judge(turn(expect_link=noise), answer(noise), KEYS)[:2] == (True, "answered")
    assert runner.judge(turn(expect_link=f"{noise}start/"), answer(noise), KEYS)[0]
    assert runner.judge(turn(expect_link=f"{noise}start/"), answer(noise, start=False), KEYS)[:2] == (
        False, "wrong page")
    passed, outcome, linked, _ = runner.judge(turn(expect_link="/council-tax/pay/"), answer(noise), KEYS)
    assert (passed, outcome) == (False, "wrong page") and noise in linked


def test_a_url_only_in_the_text_counts_and_query_strings_are_ignored():
    replies = [{"recipient_id": "x", "text": "Bin collections for WM1 1AA:\n- Rubbish: Wednesday\n"
                "Find out more: /bins-and-recycling/bin-collection-day/?postcode=WM1+1AA."}]
    assert runner.judge(turn(expect_link="/bins-and-recycling/bin-collection-day/"), replies, KEYS)[0]


def test_a_page_listed_among_search_results_does_not_pass():
    noise = "/environment/report-noise/"
    result = runner.judge(turn(expect_link=noise), search_fallback("/planning/", noise), KEYS)
    assert result[:2] == (False, "listed among search results")
    result = runner.judge(turn(expect_link=noise, choice_ok=True), did_you_mean("planning_permission", others=[noise]),
                          KEYS)
    assert result[:2] == (False, "listed among search results")


def test_a_did_you_mean_button_passes_only_where_a_choice_is_accepted():
    noise = "/environment/report-noise/"
    replies = did_you_mean("report_noise", "planning_permission")
    assert runner.judge(turn(expect_link=noise, choice_ok=True), replies, KEYS)[:2] == (True, "offered as a choice")
    assert runner.judge(turn(expect_link=noise), replies, KEYS)[:2] == (False, "offered as a choice only")


def test_text_expectations_for_the_bin_day_form():
    ask = [{"recipient_id": "x", "text": "What is your postcode? For example, WM1 1AA.",
            "buttons": [{"title": "Stop", "payload": "/stop"}]}]
    assert runner.judge(turn(expect_text="postcode"), ask, KEYS)[:2] == (True, "text as expected")
    assert not runner.judge(turn(expect_text="stopped"), ask, KEYS)[0]
    bad = [{"recipient_id": "x", "text": "That doesn't look like a postcode. Please type a postcode like WM1 1AA."}]
    checked = turn(expect_text="postcode", forbid_text="doesn't look like a postcode")
    assert runner.judge(checked, bad, KEYS)[:2] == (False, "text says \"doesn't look like a postcode\"")
    both = turn(expect_link="/environment/report-noise/", expect_text="postcode")
    assert not runner.judge(both, answer("/environment/report-noise/"), KEYS)[0]


def test_the_unsure_markers_match_what_the_fallback_says():
    source = (BOT_DIR / "actions" / "fallback.py").read_text(encoding="utf-8")
    openings = re.findall(r"\"(Sorry, I[^\"]*|These pages might[^\"]*)\"", source)
    assert openings
    for opening in openings:
        assert runner.UNSURE.search(opening), opening


def test_the_runner_plays_each_conversation_with_its_own_sender_and_exits_0_without_a_gate(tmp_path, capsys):
    senders = []

    def reply(request):
        import json

        body = json.loads(request.body)
        senders.append(body["sender"])
        assert body["metadata"] == {"page": "/"}
        return 200, {}, json.dumps(answer("/environment/report-noise/"))

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get("http://rasa.test/", body="Hello from Rasa: 3.6.21")
        mock.add_callback("POST", "http://rasa.test/webhooks/rest/webhook", callback=reply)
        out = tmp_path / "report.txt"
        args = ["http://rasa.test", "--only", "cw-05", "cw-06", "fq-49", "fq-01", "--out", str(out),
                "--json", str(tmp_path / "report.json")]
        assert runner.main(args) == 0
        assert runner.main(args + ["--min-first", "95"]) == 1
        assert runner.main(args + ["--min-conversations", "100", "--min-first", "50"]) == 0

    printed = capsys.readouterr().out
    assert "Conversations passed:   2/2 (100.0%)" in printed
    assert "First questions passed: 1/2 (50.0%)" in printed
    assert "counted: conversations 2/2 (100.0%), first questions 1/2 (50.0%)" in printed
    assert "confident_wrong    2/2" in printed
    assert "fq-01 turn 1 [first]: wrong page" in printed and "said:     the bin men went" in printed
    assert out.read_text(encoding="utf-8").startswith("Held-back test set (issue 21)")
    # cw-05 and cw-06 have two turns each, in one sender apiece; each first question has its own.
    assert len(senders) == 3 * 6 and len(set(senders[:6])) == 4


def test_the_runner_exits_2_when_rasa_does_not_answer():
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        assert runner.main(["http://nowhere.test", "--only", "fq-01"]) == 2
