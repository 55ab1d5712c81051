"""What a page says, one statement at a time, for the assistant to quote when a resident asks a follow-up
("do you empty it in winter?" after the garden waste answer: "In December, January and February we empty them
once a month.").

A statement is a paragraph's sentence, a list item read with the words that lead into it ("We will not return to
empty your bin if: it was not out by 7am"), an inset or warning, a details block's question and answer, or what
the page says about cost, time and who can use it. Headings and contact blocks are left out: they are not
answers (a contact is given by the assistant's own hand-off).
"""

import re

from bs4 import BeautifulSoup

from cms_pages.serializers import chat_details
from governance.plain_english import split_sentences

SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
MAX_STATEMENTS = 200  # a long guide says more than anyone asks in a chat
MIN_WORDS = 3
DETAIL_LABELS = {"cost": "Cost: ", "time_taken": "", "who_can_use": "Who can use it: "}  # time_taken is a sentence


def statements(page):
    """The page's statements (plain text, in page order, no repeats)."""
    found = []
    heading = ""
    for block in getattr(page, "body", None) or []:
        if block.block_type == "heading":
            heading = block.value["text"]
        found.extend(_block_statements(block.block_type, block.value, heading))
    details = chat_details(page)
    found.extend(f"{label}{details[name]}" for name, label in DETAIL_LABELS.items() if details.get(name))
    if details.get("what_you_need"):
        found.append("You need: " + "; ".join(details["what_you_need"]) + ".")
    kept = [" ".join(text.split()) for text in found]
    return list(dict.fromkeys(text for text in kept if len(text.split()) >= MIN_WORDS))[:MAX_STATEMENTS]


def _block_statements(kind, value, heading):
    if kind == "paragraph":
        return html_statements(value.source, heading)
    if kind in ("inset", "warning"):
        return [value["text"]]  # short, and its question and answer belong together
    if kind == "details":
        return [f"{value['summary']}: {text}" for text in html_statements(value["content"].source)]
    if kind == "call_to_action" and value.get("text"):
        return split_sentences(value["text"])
    return []


def html_statements(html, heading=""):
    """Rich text's paragraphs as sentences; each list item read with the paragraph that leads into it (one that
    ends with a colon), else with the section's heading ("What you can put in: grass cuttings")."""
    found = []
    lead = f"{heading}:" if heading else ""
    for element in BeautifulSoup(html or "", "html.parser").find_all(["p", "li", "h2", "h3", "h4"]):
        text = SPACE_BEFORE_STOP.sub(r"\1", element.get_text(" ", strip=True))  # "<a>bin day</a>." has no gap
        if element.name == "li":
            found.append(f"{lead} {text}".strip())
        elif element.name == "p" and text.endswith(":"):
            lead = text  # a lead-in, said with each item of its list
        elif element.name == "p":
            found.extend(split_sentences(text))
        else:
            lead = f"{text}:"
    return found
