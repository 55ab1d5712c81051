"""Writes the assistant's training data: the bot's conversational core merged with the chat-enabled pages.

Every live, public page switched on for chat becomes one intent named after its stable key, with its
questions as the examples and a rule that answers it from the CMS (``action_answer_from_cms`` asks the
web API by the same key). Urgent pages also interrupt the core's forms, as the core's own urgent intent
does. The result is a Rasa project's ``domain.yml`` and ``data/`` folder, ready for ``rasa train``.

The council's phone numbers and opening hours come from its contact details (Settings > Council contact
details), and the bin day and contact pages' addresses from the pages: they fill the core's responses
(``{{council_phone}}``, ``{{bin_day_url}}``...) and ``council.json``, which the action server reads for when
the web app is down. Nothing in the bot types them. The content finds those two pages (cms_pages registers
the ``assistant_linked_pages`` Wagtail hook: the page types sit above this app).
"""

import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.urls import reverse
from wagtail import hooks

from assistant.bot_api import council_details
from assistant.chat_pages import MIN_QUESTIONS, chat_pages, normalise
from sitewide.current_site import current_site
from sitewide.models import CouncilSettings
from sitewide.pages import page_path

HEADER = "# Made by `manage.py export_assistant_data` from the bot's core and the CMS. Do not edit: edit those.\n"


# The core's placeholders, and the contact detail that fills each.
CONTACT_PLACEHOLDERS = {
    "{{council_phone}}": "phone",
    "{{council_out_of_hours_phone}}": "out_of_hours_phone",
    "{{council_opening_hours}}": "opening_hours",
    "{{bin_day_url}}": "bin_day_url",
    "{{search_url}}": "search_url",
}


class ExportError(Exception):
    """The pages cannot make a sound assistant (the message says which pages and why)."""


@dataclass(frozen=True)
class ChatIntent:
    key: str
    title: str
    path: str
    kind: str
    questions: tuple
    council: str = ""  # the site's name ("" with one council): several councils share one model


def intents_from_pages(pages):
    return [
        ChatIntent(page.chat_key, page.title, page_path(page) or "", page.chat_kind, tuple(page.get_chat_questions()),
                   council_name(page))
        for page in pages
    ]


def council_name(page):
    site = page.get_site() if page.path else None
    return site.site_name or site.hostname if site is not None and not site.is_default_site else ""


def where(intent):
    return f"{intent.path} ({intent.council})" if intent.council else intent.path


def check(intents, core_intents):
    """Refuse what would teach the assistant two answers to one question, or too little. One council's pages share
    no key; the councils' pages for one service share its key (one intent: see merged)."""
    problems = []
    owners = defaultdict(list)
    for intent in intents:
        if intent.key in core_intents:
            problems.append(f"{where(intent)}: its chat key {intent.key!r} is one of the bot's own intents.")
        for question in {normalise(q): q for q in intent.questions}.values():
            owners[normalise(question)].append((intent, question))
    keys = defaultdict(list)
    for intent in intents:
        keys[intent.key, intent.council].append(where(intent))
    problems += [
        f"The chat key {key!r} belongs to {' and '.join(paths)}." for (key, _), paths in keys.items() if len(paths) > 1
    ]
    for intent in merged(intents):  # a council's page for a service teaches the intent with the others' questions
        if len(intent.questions) < MIN_QUESTIONS:
            problems.append(f"{where(intent)}: {len(intent.questions)} questions, fewer than {MIN_QUESTIONS}.")
    # Councils may offer a service differently (one books the tip, one just lists it), but an urgent answer
    # interrupts a form for every council or for none: the rule is in the shared model.
    urgency = defaultdict(set)
    for intent in intents:
        urgency[intent.key].add(intent.kind == "urgent")
    problems += [
        f"The chat key {key!r} is urgent in one council and not in another: one urgency for one service."
        for key, found in urgency.items() if len(found) > 1
    ]
    for claims in owners.values():
        if len({intent.key for intent, _ in claims}) > 1:
            paths = " and ".join(where(intent) for intent, _ in claims)
            problems.append(f"“{claims[0][1]}” is a question of {paths}.")
    if problems:
        raise ExportError("The assistant's data has problems:\n" + "\n".join(f"- {p}" for p in problems))


def merged(intents):
    """One intent a key: each council's page for a service teaches the same intent (its questions together, each
    once); the bot API answers it with the page of the resident's council."""
    by_key = {}
    for intent in intents:
        first = by_key.get(intent.key)
        if first is None:
            by_key[intent.key] = intent
            continue
        seen = {normalise(q) for q in first.questions}
        more = tuple(q for q in intent.questions if normalise(q) not in seen)
        by_key[intent.key] = ChatIntent(first.key, first.title, first.path, first.kind, first.questions + more,
                                        first.council)
    return list(by_key.values())


def example_line(question):
    # Square brackets would be read as entity annotations by Rasa.
    return "    - " + question.replace("[", "(").replace("]", ")")


def nlu_yaml(intents):
    lines = [HEADER, 'version: "3.1"', "", "nlu:"]
    for intent in intents:
        lines += [f"# {intent.title} ({intent.path})", f"- intent: {intent.key}", "  examples: |"]
        lines += [example_line(q) for q in intent.questions]
    return "\n".join(lines) + "\n"


def rules_yaml(intents, forms):
    rules = [
        {
            "rule": f"Answer {intent.key} from the CMS",
            "steps": [{"intent": intent.key}, {"action": "action_answer_from_cms"}],
        }
        for intent in intents
    ]
    for form in forms:
        for intent in intents:
            if intent.kind == "urgent":
                rules.append(
                    {
                        "rule": f"{intent.key} (urgent) during {form}",
                        "condition": [{"active_loop": form}],
                        "steps": [
                            {"intent": intent.key},
                            {"action": "action_deactivate_loop"},
                            {"active_loop": None},
                            {"slot_was_set": [{"requested_slot": None}]},
                            {"action": "action_answer_from_cms"},
                        ],
                    }
                )
    return HEADER + dump({"version": "3.1", "rules": rules})


def linked_pages(site):
    """{"contact": the contact page, "bin_day": the page with the bin day lookup}, None for a page that is not
    there: where they are now (editors may move them), as the content finds them."""
    pages = {"contact": None, "bin_day": None}
    for find in hooks.get_hooks("assistant_linked_pages"):
        pages.update(find(site))
    return pages


def url_of(page):
    return page.get_url() if page is not None else None


def council_contact(site=None):
    """The contact details the assistant gives when it cannot help online, from the council's settings."""
    site = site or current_site()
    council = CouncilSettings.for_site(site) if site else None
    if council is None or not council.phone:
        raise ExportError("The council has no phone number: set it in Settings > Council settings.")
    # The web API's own answer for the council (without "open now", which a file cannot know), and the bin day
    # page the bot links when the web app is down: where it is now (editors may move it).
    pages = linked_pages(site)
    details = council_details(council, contact_url=url_of(pages["contact"]))
    del details["open_now"]
    bin_day = pages["bin_day"]
    return {
        **details,
        "bin_day_url": url_of(bin_day),
        "bin_day_title": bin_day.title if bin_day else None,
        "search_url": reverse("search:search"),  # a route of the web app: the bot offers it when it cannot answer
    }


def with_contact(text, contact):
    for placeholder, field in CONTACT_PLACEHOLDERS.items():
        if placeholder in text:
            if not contact.get(field):
                raise ExportError(
                    f"A response of the assistant needs the council's {field.replace('_', ' ')}: set "
                    "it in Settings > Council settings, or publish the page."
                )
            text = text.replace(placeholder, contact[field])
    return text


def contact_filled(responses, contact):
    return {
        name: [
            {**variation, "text": with_contact(variation["text"], contact)} if "text" in variation else variation
            for variation in variations
        ]
        for name, variations in (responses or {}).items()
    }


def merged_domain(core, intents, contact):
    domain = dict(core)
    domain["responses"] = contact_filled(core.get("responses"), contact)
    domain["intents"] = list(core.get("intents", [])) + [intent.key for intent in intents]
    urgent = [intent.key for intent in intents if intent.kind == "urgent"]
    for slot in (domain.get("slots") or {}).values():
        for mapping in slot.get("mappings", []):
            if "not_intent" in mapping:  # the core's urgent intents interrupt a form: so do urgent pages
                mapping["not_intent"] = list(mapping["not_intent"]) + urgent
    return HEADER + dump(domain)


def dump(data):
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)


def export(out_dir, core_dir, pages=None, contact=None):
    """Writes out_dir/domain.yml, out_dir/data/ and out_dir/council.json; returns the intents exported."""
    out_dir, core_dir = Path(out_dir), Path(core_dir)
    contact = contact or council_contact()
    core = yaml.safe_load((core_dir / "domain.yml").read_text(encoding="utf-8"))
    intents = intents_from_pages(chat_pages() if pages is None else pages)
    if not intents:
        raise ExportError("No live page is switched on for chat: load the demo council (make demo) or switch pages on.")
    check(intents, set(core.get("intents", [])))
    intents = merged(intents)

    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out_dir / "data", ignore_errors=True)
    shutil.copytree(core_dir / "data", out_dir / "data")
    (out_dir / "data" / "nlu" / "pages.yml").write_text(nlu_yaml(intents), encoding="utf-8")
    forms = list(core.get("forms") or {})
    (out_dir / "data" / "rules" / "pages.yml").write_text(rules_yaml(intents, forms), encoding="utf-8")
    (out_dir / "domain.yml").write_text(merged_domain(core, intents, contact), encoding="utf-8")
    (out_dir / "council.json").write_text(json.dumps(contact, indent=1), encoding="utf-8")
    return intents
