"""What a UK postcode and a UK phone number are: one definition for the form checks, the bin-day
look-up and redaction. Every pattern is anchored or bounded, so none can backtrack on long input."""
import re

# The full postcode format (BS 7666), on the postcode without spaces, upper case
POSTCODE = re.compile(
    r"(?:GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
    r"[0-9][ABD-HJLNP-UW-Z]{2})"
)
# A postcode inside free text (looser, for redaction): "wm1 1aa", "SW1A1AA"
POSTCODE_IN_TEXT = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]{0,3}\d[A-Z]{2}\b", re.IGNORECASE)

# A UK number once spaces, dashes, dots and brackets are gone: 0 and 9 or 10 more digits
PHONE = re.compile(r"0\d{9,10}")
PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# A UK number inside free text: "07700 900123", "+44 (0)1632 960000", "(01632) 960-123"
PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(?0)(?:[ \t()-]{0,3}\d){9,10}(?!\w)")


class NotAPostcode(ValueError):
    pass


class NotAPhoneNumber(ValueError):
    pass


def normalise_postcode(text):
    """'wm1 1aa' -> 'WM1 1AA'; raises NotAPostcode for anything that is not a UK postcode."""
    compact = re.sub(r"\s+", "", str(text or "")[:30]).upper()
    if not POSTCODE.fullmatch(compact):
        raise NotAPostcode(text)
    return f"{compact[:-3]} {compact[-3:]}"


def normalise_uk_phone(text):
    """'+44 (0)1632 960 001' -> '01632960001'; raises NotAPhoneNumber otherwise."""
    digits = PHONE_SEPARATORS.sub("", str(text or "")[:40])
    if digits.startswith("+44"):
        digits = "0" + digits[3:].lstrip("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].lstrip("0")
    if not PHONE.fullmatch(digits):
        raise NotAPhoneNumber(text)
    return digits


def is_uk_mobile(phone):
    """A UK mobile number written one way ('07700900123'): the only kind a text message can go to."""
    return len(phone or "") == 11 and phone.startswith("07") and phone.isdigit()
