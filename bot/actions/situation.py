"""What the resident's situation does to the page that answers them.

A message's words name a service; the resident's situation can point to the page beside it. "I'm finding the
Council Tax hard to pay" names paying, but the resident needs help with the bill. "They turned their garage into
a shop with no permission" names planning permission, but the resident wants to report it. Both the classifier
and the pages' words follow the named service, so the move is made here: to a page of the kind the situation
needs, nearer the message in meaning than the answer, or else one of the answer's editor-chosen related pages.
It needs no page names, so it holds for any council's pages, and editors steer it with the related pages they
choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from actions.knowledge import KnowledgeIndex, Page

# "can't afford", "hard to pay", "fallen behind on", "in arrears", "help my business pay for".
MONEY_TROUBLE = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|can not|unable to|struggl\w*|hard|difficult|tough)\b(?:\s+\w+){0,3}?\s+"
    r"(?:pay|paying|afford|keep up|meet)\b|"
    r"\b(?:fallen|fall|falling|got|getting|gone|am|i'?m|we'?re|are)\s+behind\b|\bbehind\s+(?:on|with)\b|"
    r"\barrears\b|\bdebts?\b|\bhelp\s+(?:\w+\s+){0,2}(?:to\s+)?(?:pay|paying|afford)\b|"
    r"\bhelp\s+with\s+(?:the\s+)?(?:cost|costs|bill|bills)\b",
    re.IGNORECASE,
)
# A page that helps with money, in its own title, summary or keywords.
HELPS_WITH_MONEY = re.compile(
    r"\b(?:support|help|discounts?|reductions?|grants?|relief|benefits?|hardship|exemptions?|money off)\b",
    re.IGNORECASE,
)
# Someone else acting without permission: "their garage ... with no permission", "I doubt they ever got
# approval". A resident asking about their own plans ("can I build a shed without permission?") is not it.
SOMEONE_ELSE = r"\b(?:they|they'?ve|they'?re|they'?d|their|them|he|she|his|her|neighbou?rs?|next\s+door|someone|somebody|people|builders?|developers?|owners?)\b"
NOT_ALLOWED = (
    r"[^.;!?]{0,60}?(?:\b(?:no|without|never|not|doubt|ever|illegal\w*|unauthori[sz]ed)\b|n'?t\b)[^.;!?]{0,30}?"
    r"\b(?:permission|approval|approved|consent|planning)\b"
)
WITHOUT_PERMISSION = re.compile(SOMEONE_ELSE + NOT_ALLOWED, re.IGNORECASE)
# Besides its related pages, a page may move to one of the pages this near the message in meaning, ahead of
# it (a page without related pages, or a guess from the wrong family).
NEAREST_IN_MEANING = 3
NEAR = 0.4


def _helps_with_money(page: Page) -> bool:
    data = page.data
    keywords = data.get("keywords") or ""
    if isinstance(keywords, (list, tuple)):
        keywords = " ".join(str(word) for word in keywords)
    return bool(HELPS_WITH_MONEY.search(" ".join([page.title, str(data.get("summary") or ""), str(keywords)])))


@dataclass(frozen=True)
class Situation:
    name: str
    cue: re.Pattern
    # Does the situation move away from a page of this kind, and to this related page?
    moves_from: Callable[[Page], bool]
    moves_to: Callable[[Page], bool]


SITUATIONS = (
    Situation("trouble paying", MONEY_TROUBLE,
              # A pay page that offers relief or discounts itself (business rates) is already the help.
              moves_from=lambda page: not _helps_with_money(page),
              moves_to=lambda page: page.kind != "pay" and _helps_with_money(page)),
    Situation("someone else without permission", WITHOUT_PERMISSION,
              moves_from=lambda page: page.kind != "report",
              moves_to=lambda page: page.kind == "report"),
)


def _nearer_than(key: str, meant: List[Tuple[str, float]]) -> List[str]:
    """The pages near the message in meaning and nearer than `key`: a resident who cannot afford a parking fine
    is still answered by the parking fine page, which is nearest. Empty without the sentence model (the words
    alone would move "they never got approval" to any report page)."""
    nearest = [near for near, similarity in meant[:NEAREST_IN_MEANING] if similarity >= NEAR]
    return nearest[:nearest.index(key)] if key in nearest else nearest


def moved(text: str, key: Optional[str], index: KnowledgeIndex, near_the_message: bool = True) -> Optional[str]:
    """The page for the resident's situation instead of `key`: one of the kind it needs among the pages nearer
    the message in meaning than `key` (with `near_the_message`: an answer from the wrong family, "fallen
    behind on the council tax" read as moving home), or else among its related pages (the editors' choice:
    the help beside a pay page); the nearest in meaning of those (by the pages' words without the model)."""
    page = index.get(key)
    if page is None:
        return key
    meant: Optional[List[Tuple[str, float]]] = None  # every page by meaning: the message is encoded once
    for situation in SITUATIONS:
        if not situation.cue.search(text or "") or not situation.moves_from(page):
            continue
        if meant is None:
            meant = index.meant(text, limit=len(index.keys))
        nearer = _nearer_than(key, meant) if near_the_message else []
        for candidates in (nearer, page.related):
            targets = [other for other in candidates
                       if other in index and other != key and situation.moves_to(index.get(other))]
            if targets:
                by_meaning = [near for near, _ in meant if near in targets]
                if by_meaning:
                    return by_meaning[0]
                by_words = index.rank(text, keys=targets, limit=1)
                return by_words[0][0] if by_words else targets[0]
    return key
