"""Text from outside made safe to store and pass on: what a browser or a bot may send but no database takes."""
import re

LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def clean_text(text):
    """Without NUL bytes (PostgreSQL refuses them) and with each lone surrogate ("\\ud800", which JSON
    allows but UTF-8 cannot encode) replaced by U+FFFD, the character that says "something was here"."""
    return LONE_SURROGATE_RE.sub("\ufffd", text.replace("\x00", ""))


# Right-to-left and left-to-right overrides and isolates: in a name they can make what staff read run backwards
DIRECTION_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_direction_controls(text):
    return DIRECTION_CONTROLS_RE.sub("", text)
