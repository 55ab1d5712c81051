"""One `redact()` for every feature that stores what residents type: feedback, chat questions the bot
could not answer, and the search log. Emails, UK phone numbers, postcodes and long reference or account
numbers become placeholders.

Safe on hostile input: with `max_length` the text is cut before any pattern runs, and every pattern
either starts only at the beginning of a token or is bounded, so the work grows linearly with the text.
"""
import re

from .uk import PHONE_IN_TEXT, POSTCODE_IN_TEXT

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
# Account and reference numbers: "50012345", "WM12345678", "5001 2345". It starts only where a run of digits
# starts (not after a digit and up to three separators), so each run is read once.
LONG_NUMBER = re.compile(
    r"(?<!\w)(?<!\d[ \t-])(?<!\d[ \t-]{2})(?<!\d[ \t-]{3})[A-Z]{0,3}\d(?:[ \t-]{0,3}\d)+(?!\w)", re.IGNORECASE
)
SHORTEST_NUMBER = 6  # "2025" and "band D 2025" are not personal
# A personal detail is never longer than this, so one cut at the limit cannot leave half of one behind
LONGEST_DETAIL = 256


def long_number(match):
    number = match.group().lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return "[number]" if len(number) >= SHORTEST_NUMBER else match.group()


def redact(text, max_length=None):
    """'Call 07700 900123 at WM1 1AA' -> 'Call [phone] at [postcode]'. With max_length, the result is at most
    that long, and only the first max_length (plus a margin) characters are ever examined."""
    text = str(text or "")
    if max_length is not None:
        text = text[: max_length + LONGEST_DETAIL]
    text = EMAIL.sub("[email]", text)
    text = PHONE_IN_TEXT.sub("[phone]", text)
    text = POSTCODE_IN_TEXT.sub("[postcode]", text)
    text = LONG_NUMBER.sub(long_number, text)
    return text if max_length is None else text[:max_length]
