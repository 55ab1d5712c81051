"""The ways staff know a resident, each written one way so that the same person matches whoever typed it:
"email:jo@example.org", "phone:01632960001", "postcode:WM1 1AA", "reference:WM-7K3P-9Q", "uprn:100012345678"."""
from dataclasses import dataclass

from casework import references
from kit.uk import NotAPhoneNumber, NotAPostcode, normalise_postcode, normalise_uk_phone

EMAIL, PHONE, POSTCODE, REFERENCE, UPRN = "email", "phone", "postcode", "reference", "uprn"
KIND_WORDS = {EMAIL: "Email", PHONE: "Phone", POSTCODE: "Postcode", REFERENCE: "Reference", UPRN: "Property (UPRN)"}
MAX_TYPED = 254


@dataclass(frozen=True)
class Identifier:
    kind: str
    value: str

    def __str__(self):
        return f"{self.kind}:{self.value}"

    @property
    def words(self):
        return f"{KIND_WORDS[self.kind]} {self.value}"

    @classmethod
    def parse(cls, stored):
        """Back from its stored form ("email:jo@example.org"); None if it is not one."""
        kind, _, value = str(stored or "").partition(":")
        return cls(kind, value) if kind in KIND_WORDS and value else None


def email(text):
    return Identifier(EMAIL, text.strip().lower()) if text and "@" in text else None


def phone(text):
    try:
        return Identifier(PHONE, normalise_uk_phone(text)) if text else None
    except NotAPhoneNumber:
        return None


def identify(typed):
    """What staff typed in the search box, as an identifier, or None when it is none of them."""
    text = str(typed or "").replace("\x00", "").strip()[:MAX_TYPED]
    if not text:
        return None
    if "@" in text:
        return email(text)
    if text.isdigit() and not text.startswith("0") and len(text) <= 12:
        return Identifier(UPRN, text)  # a property's number in the address list (a phone number starts with 0)
    reference = references.normalise(text)
    if references.FORMAT.match(reference):
        return Identifier(REFERENCE, reference)
    try:
        return Identifier(POSTCODE, normalise_postcode(text))
    except NotAPostcode:
        return phone(text)
