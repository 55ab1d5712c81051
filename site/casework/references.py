"""Short, readable request references like WM-7K3P-9Q.

No I, L, O, U, 0 or 1, so nobody mixes up 1/I/L or 0/O on the phone, and no rude words from vowels.
30 characters in 6 places gives 729 million references; a new one is checked against the database.

Each council starts its references with its own prefix (its settings' `reference_prefix`: WM for Westmere, FEL
for Fellside), so a reference says whose it is; PREFIX is the default site's, and a member enquiry's (ME-...).
"""
import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
PREFIX = "WM"
# Any council's reference: a prefix of 2 or 3 capitals, then the random part.
FORMAT = re.compile(rf"^[A-Z]{{2,3}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")
TYPED = re.compile(r"^([A-Z]{2,3})?([A-Z0-9]{6})$")


def random_reference():
    chars = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def with_prefix(reference, prefix):
    """WM-7K3P-9Q under another council's prefix: FEL-7K3P-9Q."""
    return f"{prefix}-{reference.split('-', 1)[1]}"


def new_reference(exists, attempts=20, prefix=PREFIX):
    """A reference starting with `prefix` that `exists(reference)` says is free."""
    for _ in range(attempts):
        reference = with_prefix(random_reference(), prefix)
        if not exists(reference):
            return reference
    raise RuntimeError("Could not find a free reference")


def normalise(text, prefix=PREFIX):
    """What a resident typed ('wm 7k3p 9q', 'WM7K3P9Q', 'fel7k3p9q') -> 'WM-7K3P-9Q', 'FEL-7K3P-9Q' (or the cleaned
    text). Without a prefix ('7K3P-9Q') it is the council's whose site they typed it on (`prefix`)."""
    compact = re.sub(r"[^A-Z0-9]", "", (text or "").upper())
    typed = TYPED.match(compact)
    if typed:
        return f"{typed.group(1) or prefix}-{typed.group(2)[:4]}-{typed.group(2)[4:]}"
    return compact if compact.startswith(prefix) else prefix + compact
