"""Plain-text helpers for search: normalising what residents type, stop words, a light stemmer and redaction.

Nothing here touches the database, so every function is cheap and easy to test.
"""
import functools
import re
import unicodedata

from kit.redaction import redact  # the one redaction for every feature; re-exported for the search log

MAX_QUERY_LENGTH = 200

# Words that carry no meaning in a resident's question. Kept short on purpose: "pay", "report",
# "new", "open" and "help" are NOT stop words, because they say which task someone wants.
STOP_WORDS = frozenset(
    """
    a about after all am an and any are as at be been before being but by can cant could
    did didnt do does doesnt dont for from get got had has have havent having how i id
    if im in into is isnt it its ive just me my myself near no not of off on or our out
    please should so some than that thats the their them then there theyre these they this
    those to too us very was wasnt we were what whats when where which while who why will
    with wont would you your youre
    """.split()
) | frozenset(
    # Words of asking rather than of the subject: "I need a new bin" is about a new bin. As search terms
    # they matched only the pages that happen to use them ("need" put Moving home first, alone).
    """
    need needs needed want wants wanted know tell like able someone something anything
    """.split()
)

WORD_RE = re.compile(r"[a-z0-9]+")
APOSTROPHES = re.compile(r"['\u2018\u2019`]")



def clean_query(text):
    """What we search for: the resident's words, trimmed, with control characters dropped."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH]


def tokenize(text):
    """Lower-case words: "Won't" -> "wont", "fly-tipping" -> "fly", "tipping", "neighbour's" -> "neighbour"."""
    text = (text or "").lower()
    if not text.isascii():  # "café" -> "cafe"
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['\u2019]s\b", "", text)
    text = APOSTROPHES.sub("", text)
    return WORD_RE.findall(text)


def normalise(text):
    """The canonical form of a query, used for the log, best bets and synonyms: "Bin  Day!" -> "bin day"."""
    return " ".join(tokenize(text))


def content_words(words):
    """Drop stop words, unless that would leave nothing ("who are you" stays as it is)."""
    kept = [word for word in words if word not in STOP_WORDS]
    return kept or list(words)


@functools.lru_cache(maxsize=50_000)
def stem(word):
    """A deliberately light English stemmer: plurals only, so "bins" = "bin" and "centres" = "centre",
    but "tipping" stays apart from "tip" (fly-tipping is not the tip)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def stems(text_or_words):
    words = tokenize(text_or_words) if isinstance(text_or_words, str) else text_or_words
    return [stem(word) for word in words]


def variants(word):
    """Surface forms to ask a backend without stemming (SQLite FTS5) for: the word, its stem and plurals."""
    root = stem(word)
    forms = {word, root}
    if not root.isdigit() and len(root) > 2:
        if root.endswith("y") and len(root) > 3 and root[-2] not in "aeiou":
            forms.add(root[:-1] + "ies")
        elif root.endswith(("s", "sh", "ch", "x", "z")):
            forms.add(root + "es")
        else:
            forms.add(root + "s")
    return sorted(forms)


def normalise_for_log(text):
    """Redacted, lower-cased, single-spaced text for the query log (placeholders survive normalising)."""
    redacted = redact(clean_query(text)).lower()
    redacted = re.sub(r"[^\w\s\[\]'-]", " ", redacted)
    return re.sub(r"\s+", " ", redacted).strip()[:255]
