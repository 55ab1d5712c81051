"""Text from outside made safe to store and pass on: what a browser or a bot may send but no database takes."""
import re

LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def clean_text(text):
    """Without NUL bytes (PostgreSQL refuses them) and with each lone surrogate ("\\ud800", which JSON
    allows but UTF-8 cannot encode) replaced by U+FFFD, the character that says "something was here"."""
    return LONE_SURROGATE_RE.sub("\ufffd", text.replace("\x00", ""))
