"""Strip personal data residents type into free text before we store it."""
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(\+44\s?|0)(\d[\s-]?){9,10}(?!\w)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def redact(text):
    text = EMAIL.sub("[email]", text)
    text = PHONE.sub("[phone]", text)
    return POSTCODE.sub("[postcode]", text)
