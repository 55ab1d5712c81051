#!/usr/bin/env python3
"""Play issue 21's held-back conversations and first questions through Rasa's REST channel and report.

Needs Rasa with its real action server and the site behind it (`make run`, or tests/e2e's `bot_servers`):

    cd bot && .venv/bin/python scripts/held_back_report.py http://localhost:5005
    cd bot && .venv/bin/python scripts/held_back_report.py http://localhost:5005 --only fu-01 fq-07

Each conversation (tests/held_back/conversations.yml) and each first question (tests/held_back/first_questions.yml)
gets a fresh sender id and is sent, turn by turn, to `POST {rasa}/webhooks/rest/webhook` with the metadata
{"page": "/"}. A turn passes when:

* expect_link: the reply links one of the expected paths (a `custom.links[].url`, or a URL in the text; a
  linked path passes when it is the expected path or below it, so `<page>start/` passes for `<page>`), in
  a part of the reply that does not say it did not understand ("not sure I understood", "Did you mean",
  "These pages might help"). A page only listed among the search results of such a reply fails ("listed").
  With `choice_ok: true`, a "Did you mean" button for the expected page (payload `/<chat key>`, mapped to its
  page through cms_pages/demo/content.yaml) also passes ("offered as a choice").
* expect_text: the reply's text contains one of the strings (case-insensitive);
* forbid_text: the reply's text contains none of them.

A conversation passes when every turn passes. It prints the conversations and first questions passed, the
figures per kind, reply times and every failing turn (what was said, what was expected, what was linked).

Exit status: 0, whatever the pass rates, unless --min-conversations / --min-first (percentages) are given and
missed (1), or Rasa cannot be reached at all (2). Only the standard library, requests and PyYAML (both the
site's and the bot's environments have them).
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence
from urllib.parse import urlsplit

import requests
import yaml

BOT_DIR = Path(__file__).resolve().parents[1]
HELD_BACK_DIR = BOT_DIR / "tests" / "held_back"
CONVERSATIONS_FILE = HELD_BACK_DIR / "conversations.yml"
FIRST_QUESTIONS_FILE = HELD_BACK_DIR / "first_questions.yml"
CONTENT_FILE = BOT_DIR.parent / "cms_pages" / "demo" / "content.yaml"
# libyaml's loader when PyYAML has it: content.yaml is large.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = {
    "follow_up": "follow-up that only makes sense with the last topic",
    "variant": "variant of the same question",
    "detail": "detail about the last request",
    "form_interrupt": "new topic in the middle of the bin-day form",
    "complaint_story": "the story after \"I want to complain\"",
    "two_at_once": "two things at once",
    "confident_wrong": "confident and wrong today (who pays, loud music, licences)",
    "ordinary": "ordinary 2-3 turn chat",
}
# The bin-day form's intent is the bot's own, not a page's chat key.
OWN_INTENT_PAGES = {"bin_collection_day": "/bins-and-recycling/bin-collection-day/"}

# A part of the reply in which the assistant says it did not understand (bot/actions/fallback.py's wording):
# a page linked there is a search result or a guess, not an answer.
UNSURE = re.compile(
    r"not sure I understood|didn'?t understand|did not understand|did you mean|pages might (also )?help",
    re.IGNORECASE,
)
# Failing outcomes that still put the page in front of the resident (reported, never passed).
LENIENT = ("listed among search results", "offered as a choice only")
# Site paths (/council-tax/pay/, /search/?q=...) and absolute URLs in a reply's text.
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+|(?<![\w/.:@-])/[A-Za-z0-9][A-Za-z0-9._~%/-]*(?:\?[^\s<>\"']*)?")


# --- the held-back set --------------------------------------------------------------------------------


def as_list(value: Any) -> List[str]:
    if value is None:
        return []
    return [str(item) for item in (value if isinstance(value, list) else [value])]


@dataclass
class Turn:
    say: str
    expect_link: List[str] = field(default_factory=list)
    expect_text: List[str] = field(default_factory=list)
    forbid_text: List[str] = field(default_factory=list)
    choice_ok: bool = False


@dataclass
class Conversation:
    id: str
    kind: str
    turns: List[Turn]


TURN_KEYS = {"say", "expect_link", "expect_text", "forbid_text", "choice_ok"}


def make_turn(raw: Dict[str, Any], where: str) -> Turn:
    unknown = set(raw) - TURN_KEYS - {"id"}
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    if not isinstance(raw.get("say"), str) or not raw["say"].strip():
        raise ValueError(f"{where}: 'say' must be a non-empty string")
    turn = Turn(
        say=raw["say"],
        expect_link=as_list(raw.get("expect_link")),
        expect_text=as_list(raw.get("expect_text")),
        forbid_text=as_list(raw.get("forbid_text")),
        choice_ok=bool(raw.get("choice_ok", False)),
    )
    if not turn.expect_link and not turn.expect_text:
        raise ValueError(f"{where}: a turn needs expect_link or expect_text")
    for path in turn.expect_link:
        if not (path.startswith("/") and path.endswith("/")) or path == "/":
            raise ValueError(f"{where}: {path!r} is not a page path like /council-tax/pay/")
    return turn


def load_conversations(path: Path = CONVERSATIONS_FILE) -> List[Conversation]:
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    conversations = []
    for raw in data.get("conversations") or []:
        cid = raw.get("id")
        if raw.get("kind") not in KINDS:
            raise ValueError(f"{cid}: unknown kind {raw.get('kind')!r} (one of {', '.join(KINDS)})")
        turns = [make_turn(turn, f"{cid} turn {n}") for n, turn in enumerate(raw.get("turns") or [], 1)]
        if len(turns) < 2:
            raise ValueError(f"{cid}: a conversation has at least 2 turns")
        conversations.append(Conversation(id=str(cid), kind=raw["kind"], turns=turns))
    check_unique(conversation.id for conversation in conversations)
    return conversations


def load_first_questions(path: Path = FIRST_QUESTIONS_FILE) -> List[Conversation]:
    """First questions, as one-turn conversations of the kind "first"."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    questions = [
        Conversation(id=str(raw.get("id")), kind="first", turns=[make_turn(raw, str(raw.get("id")))])
        for raw in data.get("first_questions") or []
    ]
    check_unique(question.id for question in questions)
    return questions


def check_unique(ids: Iterable[str]) -> None:
    seen = set()
    for cid in ids:
        if not cid or cid == "None" or cid in seen:
            raise ValueError(f"every id must be given and unique: {cid!r}")
        seen.add(cid)


def chat_key_paths(content_file: Path = CONTENT_FILE) -> Dict[str, str]:
    """{chat key: page path} from the demo council, to read "Did you mean" buttons (payload /<key>)."""
    paths = dict(OWN_INTENT_PAGES)
    if Path(content_file).exists():
        data = yaml.load(Path(content_file).read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
        for page in data.get("pages") or []:
            key = (page.get("chat") or {}).get("key")
            if key:
                paths[key] = page["path"]
    return paths


# --- reading a reply ----------------------------------------------------------------------------------


def path_of(url: str) -> str:
    """'/x/y/?q=1#a' or 'https://host/x/y' -> '/x/y/': the path, with its trailing slash."""
    path = urlsplit(url.strip()).path or "/"
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


def links_in_text(text: str) -> List[str]:
    return [match.rstrip(".,;:!)") for match in URL_IN_TEXT.findall(text or "")]


@dataclass
class Part:
    """One text message and the custom-only message after it (Rasa's REST channel sends them apart)."""
    text: str = ""
    links: List[str] = field(default_factory=list)
    payloads: List[str] = field(default_factory=list)

    @property
    def unsure(self) -> bool:
        return bool(UNSURE.search(self.text))


def parts_of(replies: Sequence[Dict[str, Any]]) -> List[Part]:
    parts: List[Part] = []
    for message in replies or []:
        if message.get("text") is not None or not parts:
            parts.append(Part())
        part = parts[-1]
        if message.get("text"):
            part.text = f"{part.text}\n{message['text']}".strip()
            part.links += links_in_text(message["text"])
        for button in message.get("buttons") or []:
            part.payloads.append(str(button.get("payload") or ""))
        custom = message.get("custom")
        if isinstance(custom, dict):
            part.links += [str(item.get("url")) for item in custom.get("links") or [] if item.get("url")]
    return parts


def intent_of_payload(payload: str) -> Optional[str]:
    match = re.match(r"^/([A-Za-z0-9_]+)", payload or "")
    return match.group(1) if match else None


def covers(linked_path: str, expected: str) -> bool:
    return linked_path == expected or linked_path.startswith(expected)


@dataclass
class TurnResult:
    conversation: str
    kind: str
    number: int
    say: str
    expected: List[str]
    expected_text: List[str]
    passed: bool
    outcome: str
    linked: List[str]
    offered: List[str]
    text: str
    seconds: float


def judge(turn: Turn, replies: Sequence[Dict[str, Any]], key_paths: Dict[str, str]) -> tuple[bool, str, list, list]:
    """(passed, outcome, linked paths, pages offered as buttons) for one turn's replies."""
    parts = parts_of(replies)
    text = "\n".join(part.text for part in parts)
    linked, offered = [], []
    answered = listed = chosen = False
    for part in parts:
        paths = [path_of(url) for url in part.links]
        linked += [p for p in dict.fromkeys(paths) if p not in linked]
        hit = any(covers(p, e) for p in paths for e in turn.expect_link)
        if hit and not part.unsure:
            answered = True
        elif hit:
            listed = True
        for payload in part.payloads:
            page = key_paths.get(intent_of_payload(payload) or "")
            if page:
                offered.append(page)
                chosen = chosen or any(covers(page, e) for e in turn.expect_link)

    lowered = text.lower()
    missing = turn.expect_text and not any(wanted.lower() in lowered for wanted in turn.expect_text)
    forbidden = [unwanted for unwanted in turn.forbid_text if unwanted.lower() in lowered]
    if turn.expect_link:
        if answered:
            passed, outcome = True, "answered"
        elif chosen and turn.choice_ok:
            passed, outcome = True, "offered as a choice"
        elif chosen:
            passed, outcome = False, "offered as a choice only"
        elif listed:
            passed, outcome = False, "listed among search results"
        elif linked:
            passed, outcome = False, "wrong page"
        else:
            passed, outcome = False, "no link"
    else:
        passed, outcome = True, "text as expected"
    if passed and missing:
        passed, outcome = False, f"text lacks {' / '.join(repr(t) for t in turn.expect_text)}"
    if passed and forbidden:
        passed, outcome = False, f"text says {forbidden[0]!r}"
    return passed, outcome, linked, offered


# --- playing it ---------------------------------------------------------------------------------------


class Rasa:
    def __init__(self, url: str, timeout: float = 30.0, page: str = "/"):
        self.base = url.rstrip("/")
        self.webhook = f"{self.base}/webhooks/rest/webhook"
        self.timeout = timeout
        self.page = page
        self.session = requests.Session()

    def reachable(self) -> bool:
        try:
            return self.session.get(f"{self.base}/", timeout=min(self.timeout, 10)).ok
        except requests.RequestException:
            return False

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        response = self.session.post(
            self.webhook, json={"sender": sender, "message": text, "metadata": {"page": self.page}},
            timeout=self.timeout,
        )
        response.raise_for_status()
        return response.json()


def play(rasa: Rasa, conversation: Conversation, key_paths: Dict[str, str]) -> List[TurnResult]:
    sender = f"held-back-{conversation.id}-{uuid.uuid4().hex[:10]}"
    results = []
    for number, turn in enumerate(conversation.turns, 1):
        started = time.monotonic()
        try:
            replies = rasa.say(sender, turn.say)
            passed, outcome, linked, offered = judge(turn, replies, key_paths)
            text = "\n".join(part.text for part in parts_of(replies))
        except (requests.RequestException, ValueError) as error:
            passed, outcome, linked, offered, text = False, f"error: {error}", [], [], ""
        results.append(TurnResult(
            conversation=conversation.id, kind=conversation.kind, number=number, say=turn.say,
            expected=turn.expect_link, expected_text=turn.expect_text, passed=passed, outcome=outcome,
            linked=linked, offered=offered, text=text, seconds=round(time.monotonic() - started, 3),
        ))
    return results


@dataclass
class Report:
    rasa_url: str
    conversations: Dict[str, List[TurnResult]]
    first_questions: Dict[str, List[TurnResult]]
    seconds: float

    @staticmethod
    def rate(results: Dict[str, List[TurnResult]], lenient: bool = False) -> tuple[int, int]:
        """(passed, total); lenient: as if a page listed among search results or offered as a button passed."""
        def ok(turn: TurnResult) -> bool:
            return turn.passed or (lenient and turn.outcome in LENIENT)
        return sum(all(ok(turn) for turn in turns) for turns in results.values()), len(results)

    def turns(self) -> List[TurnResult]:
        return [turn for group in (self.conversations, self.first_questions) for turns in group.values()
                for turn in turns]

    @property
    def errors(self) -> int:
        return sum(turn.outcome.startswith("error") for turn in self.turns())

    def figures(self) -> Dict[str, Any]:
        passed_c, total_c = self.rate(self.conversations)
        passed_f, total_f = self.rate(self.first_questions)
        kinds = {}
        for kind in KINDS:
            of_kind = {cid: turns for cid, turns in self.conversations.items() if turns and turns[0].kind == kind}
            if of_kind:
                passed, total = self.rate(of_kind)
                kinds[kind] = {"passed": passed, "total": total}
        times = [turn.seconds for turn in self.turns()]
        outcomes: Dict[str, int] = {}
        for turn in self.turns():
            label = "error" if turn.outcome.startswith("error") else turn.outcome
            outcomes[label] = outcomes.get(label, 0) + 1
        return {
            "conversations": {"passed": passed_c, "total": total_c, "percent": percent(passed_c, total_c)},
            "first_questions": {"passed": passed_f, "total": total_f, "percent": percent(passed_f, total_f)},
            "turns": {"passed": sum(t.passed for t in self.turns()), "total": len(times)},
            "if_listed_counted": {
                "conversations": self.rate(self.conversations, lenient=True)[0],
                "first_questions": self.rate(self.first_questions, lenient=True)[0],
            },
            "kinds": {kind: {**value, "percent": percent(value["passed"], value["total"])}
                      for kind, value in kinds.items()},
            "outcomes": outcomes,
            "errors": self.errors,
            "reply_seconds": {
                "median": round(statistics.median(times), 3) if times else None,
                "p95": round(statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0], 3)
                if times else None,
            },
            "seconds": round(self.seconds, 1),
        }

    def summary(self) -> str:
        f = self.figures()
        c, q = f["conversations"], f["first_questions"]
        return (f"Held-back set (issue 21): conversations passed {c['passed']}/{c['total']} ({c['percent']}%), "
                f"first questions passed {q['passed']}/{q['total']} ({q['percent']}%)")

    def text(self) -> str:
        f = self.figures()
        c, q, t, lenient = f["conversations"], f["first_questions"], f["turns"], f["if_listed_counted"]
        lines = [
            f"Held-back test set (issue 21), Rasa at {self.rasa_url}",
            f"Conversations passed:   {c['passed']}/{c['total']} ({c['percent']}%)",
            f"First questions passed: {q['passed']}/{q['total']} ({q['percent']}%)",
            f"Turns passed:           {t['passed']}/{t['total']} ({percent(t['passed'], t['total'])}%)",
            f"Had a page listed among search results or offered as a button counted: conversations "
            f"{lenient['conversations']}/{c['total']} ({percent(lenient['conversations'], c['total'])}%), "
            f"first questions {lenient['first_questions']}/{q['total']} "
            f"({percent(lenient['first_questions'], q['total'])}%)",
            "",
            "Conversations by kind:",
        ]
        for kind, value in f["kinds"].items():
            lines.append(f"  {kind:<16} {value['passed']:>3}/{value['total']:<3} ({value['percent']}%)  {KINDS[kind]}")
        lines += ["", "Turn outcomes: " + ", ".join(f"{label} {count}" for label, count in
                                               sorted(f["outcomes"].items(), key=lambda item: -item[1]))]
        r = f["reply_seconds"]
        lines.append(f"Reply time per turn: median {r['median']} s, 95th percentile {r['p95']} s; "
                     f"{f['seconds']} s in all")
        failing = [turn for turn in self.turns() if not turn.passed]
        lines += ["", f"Failing turns ({len(failing)}):" if failing else "Failing turns: none"]
        for turn in failing:
            expected = [" or ".join(turn.expected)] if turn.expected else []
            expected += [" or ".join(f"text {x!r}" for x in turn.expected_text)] if turn.expected_text else []
            lines += [
                f"- {turn.conversation} turn {turn.number} [{turn.kind}]: {turn.outcome}",
                f"    said:     {turn.say}",
                f"    expected: {'; and '.join(expected)}",
                f"    linked:   {', '.join(turn.linked) or '(nothing)'}"
                + (f"; offered: {', '.join(turn.offered)}" if turn.offered else ""),
                f"    reply:    {shorten(turn.text)}",
            ]
        return "\n".join(lines) + "\n"


def percent(passed: int, total: int) -> float:
    return round(100.0 * passed / total, 1) if total else 0.0


def shorten(text: str, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run(rasa_url: str, conversations: Sequence[Conversation], first_questions: Sequence[Conversation],
        key_paths: Optional[Dict[str, str]] = None, timeout: float = 30.0, page: str = "/",
        progress: Optional[Callable[[str], None]] = None) -> Report:
    rasa = Rasa(rasa_url, timeout=timeout, page=page)
    key_paths = chat_key_paths() if key_paths is None else key_paths
    started = time.monotonic()
    results: Dict[str, Dict[str, List[TurnResult]]] = {"conversations": {}, "first": {}}
    for group, items in (("conversations", conversations), ("first", first_questions)):
        for item in items:
            results[group][item.id] = play(rasa, item, key_paths)
            if progress:
                progress(f"{item.id}: {'pass' if all(t.passed for t in results[group][item.id]) else 'FAIL'}")
    return Report(rasa_url=rasa_url, conversations=results["conversations"], first_questions=results["first"],
                  seconds=time.monotonic() - started)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rasa_url", nargs="?", default="http://localhost:5005", help="Rasa's base URL")
    parser.add_argument("--conversations", type=Path, default=CONVERSATIONS_FILE)
    parser.add_argument("--first", type=Path, default=FIRST_QUESTIONS_FILE, help="the first questions file")
    parser.add_argument("--content", type=Path, default=CONTENT_FILE,
                        help="content.yaml, to map 'Did you mean' buttons (/<chat key>) to pages")
    parser.add_argument("--only", nargs="+", metavar="ID", help="play only these conversations / questions")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument("--json", type=Path, help="write the figures and every turn as JSON to this file")
    parser.add_argument("--min-conversations", type=float, metavar="PCT",
                        help="exit 1 if fewer than PCT%% of the conversations pass")
    parser.add_argument("--min-first", type=float, metavar="PCT",
                        help="exit 1 if fewer than PCT%% of the first questions pass")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each reply")
    parser.add_argument("--page", default="/", help="the page the resident is on (message metadata)")
    parser.add_argument("--progress", action="store_true", help="print each conversation as it ends")
    args = parser.parse_args(argv)

    conversations = load_conversations(args.conversations)
    first_questions = load_first_questions(args.first)
    if args.only:
        wanted = set(args.only)
        conversations = [c for c in conversations if c.id in wanted]
        first_questions = [q for q in first_questions if q.id in wanted]
    if not Rasa(args.rasa_url, timeout=args.timeout).reachable():
        print(f"Rasa does not answer at {args.rasa_url}: start it with its action server and the site "
              "(make run), or pass its URL.", file=sys.stderr)
        return 2

    report = run(args.rasa_url, conversations, first_questions, key_paths=chat_key_paths(args.content),
                 timeout=args.timeout, page=args.page,
                 progress=(lambda line: print(line, file=sys.stderr)) if args.progress else None)
    text = report.text()
    print(text, end="")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "figures": report.figures(),
            "turns": [asdict(turn) for turn in report.turns()],
        }, indent=2, ensure_ascii=False), encoding="utf-8")

    figures, status = report.figures(), 0
    for name, threshold in (("conversations", args.min_conversations), ("first_questions", args.min_first)):
        if threshold is not None and figures[name]["percent"] < threshold:
            print(f"{name.replace('_', ' ').capitalize()}: {figures[name]['percent']}% is below {threshold}%",
                  file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
