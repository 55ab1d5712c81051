"""Short, readable request references like WM-7K3P-9Q.

No I, L, O, U, 0 or 1, so nobody mixes up 1/I/L or 0/O on the phone, and no rude words from vowels.
30 characters in 6 places gives 729 million references; a new one is checked against the database.
"""
import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
PREFIX = "WM"
FORMAT = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")


def random_reference():
    chars = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def new_reference(exists, attempts=20):
    """A reference that `exists(reference)` says is free."""
    for _ in range(attempts):
        reference = random_reference()
        if not exists(reference):
            return reference
    raise RuntimeError("Could not find a free reference")


def normalise(text):
    """What a resident typed ('wm 7k3p 9q', 'WM7K3P9Q') -> 'WM-7K3P-9Q' (or the cleaned text)."""
    compact = re.sub(r"[^A-Z0-9]", "", (text or "").upper())
    if not compact.startswith(PREFIX):
        compact = PREFIX + compact
    if len(compact) == 8:
        return f"{compact[:2]}-{compact[2:6]}-{compact[6:]}"
    return compact
