"""How a message is put, whatever it is about: a question, a new need, or words that lean on what came before.

Residents do not talk in complete questions: after an answer, "and for a garage?", "how do I join?" or "it was
the brown one" make sense only with the last topic. These tests look at the shape of the message, never at
its subject, so they hold for any page.
"""

from __future__ import annotations

import re

QUESTION_START = re.compile(
    r"^\s*(?:(?:and|but|so|ok(?:ay)?|right|well|also|then|hang on|actually|sorry)[,.!]?\s+)*"
    r"(?:how|what|what's|whats|when|where|who|whom|whose|why|which|can|could|do|does|did|is|are|was|were|will|"
    r"would|should|shall|may|might|must|have|has|am|any|is there|are there)\b",
    re.IGNORECASE,
)
# "I need to...", "I'd like to...", "how do I...": the resident asks for something (new or not).
NEED = re.compile(
    r"\b(?:i|we)\s*(?:'d|would|will|'ll)?\s*(?:need|want|wanna|like|have|got|wish|hope|mean)\s+(?:to|a|an|the|some)\b|"
    r"\b(?:i|we)\s+(?:need|want)\b|"
    r"\b(?:how|where|can|could|may)\s+(?:do|can|could|should|would)?\s*(?:i|we|you)\b|"
    r"\b(?:help|tell)\s+me\b|\bi'?m\s+(?:looking|trying)\b",
    re.IGNORECASE,
)
# Words that point back at something said before, or a message that starts by adding to it.
REFERS_BACK = re.compile(
    r"\b(?:it|its|it's|one|ones|that|this|those|these|them|they|there(?!\s*(?:is|are|was|were|'s|s|has|have)\b)|"
    r"he|she|him|her|his|hers|their|"
    r"same|too|also|either|instead|again|else)\b|"
    r"^\s*(?:and|but|or|so|also|plus|what about|how about|and what about|what if|and if|and for|or for)\b",
    re.IGNORECASE,
)
# "what about decking?", "and for a garage?", "how about a porch": the same question about another thing.
VARIANT = re.compile(
    r"^\s*(?:(?:and|or|but|ok(?:ay)?|right|so)[,]?\s+)?(?:what|how)\s+about\b|"
    r"^\s*(?:and|or)\s+(?:just\s+|only\s+|also\s+)?(?:for|if|with|a|an|the|my|on|in|at|to|when|where|one)\b|"
    r"^\s*(?:and|or|what|how)\s+about\b|^\s*same\s+(?:for|with)\b",
    re.IGNORECASE,
)
# "forget the bins for now", "never mind about that", "cancel the postcode thing": the resident drops what is
# under way (a form waiting for an answer), in words the classifier's "stop" examples may not have.
DISMISSAL = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|actually|no|oh|sorry|right|erm?|um)[,.!]?\s+)*"
    r"(?:(?:forget|never\s*mind|nevermind|scrap|ignore)(?:\s+about)?(?:\s+(?:it|that|this|them|the|all)\b|\s*[.!]*\s*$)|"
    r"(?:leave|cancel|stop|drop)\s+(?:it|that|this)\b|don'?t\s+bother\b)",
    re.IGNORECASE,
)
DISMISSAL_WORDS = 8
WORD = re.compile(r"[A-Za-z']+")
SHORT_WORDS = 5


def words(text: str) -> int:
    return len(WORD.findall(text or ""))


# A question after a comma or "so": "my flatmates are all students, are we counted for council tax".
QUESTION_CLAUSE = re.compile(
    r"(?:[,;:]|\bso|\bbut)\s+(?:(?:how|what|when|where|who|why|which)\b|"
    r"(?:can|could|do|does|did|is|are|was|were|will|would|should|am|have|has)\s+"
    r"(?:i|we|you|they|he|she|it|there|my|our|the|a)\b)",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    text = (text or "").strip()
    return text.endswith("?") or bool(QUESTION_START.match(text)) or bool(QUESTION_CLAUSE.search(text))


def states_a_need(text: str) -> bool:
    return bool(NEED.search(text or ""))


def refers_back(text: str) -> bool:
    return bool(REFERS_BACK.search(text or ""))


def is_variant(text: str) -> bool:
    return bool(VARIANT.match(text or ""))


def is_statement(text: str) -> bool:
    """Something the resident tells rather than asks: "the crew left rubbish everywhere", "it was the brown one"."""
    return not is_question(text) and not states_a_need(text)


def leans_on_context(text: str) -> bool:
    """Would the message be incomplete on its own? Short, a variant, or pointing back."""
    return is_variant(text) or refers_back(text) or words(text) <= SHORT_WORDS


def dismisses(text: str) -> bool:
    """Does the resident drop what is under way ("forget the bins for now"), rather than ask something?"""
    text = text or ""
    return (bool(DISMISSAL.match(text)) and words(text) <= DISMISSAL_WORDS and not is_question(text)
            and not states_a_need(text))


OPENING = re.compile(r"^\s*(?:and|but|or|so|also|plus|then|ok(?:ay)?|right)\b[,.]?\s*", re.IGNORECASE)


def without_opening(text: str) -> str:
    """The message without a word that only joins it to the conversation ("so which day...": "which day...")."""
    return OPENING.sub("", text or "", count=1)
