"""How many text messages some words take. One text holds 160 characters when every character is in the GSM 03.38
alphabet, where the extension-table characters ^{}\\[~]|€ take two (an escape and the character); a single character
outside it (an emoji, a curly quote, a ŵ) sends the whole text as UCS-2, which holds 70. Longer texts go in parts of
153 or 67, each one paid for and able to arrive out of order.
"""
from math import ceil

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€")
GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


def is_gsm(text):
    return all(char in GSM_BASIC or char in GSM_EXTENSION for char in text)


def segments(text):
    """How many texts `text` is sent as."""
    if is_gsm(text):
        length, single, part = sum(2 if char in GSM_EXTENSION else 1 for char in text), GSM_SINGLE, GSM_PART
    else:  # counted in UTF-16 units: an emoji outside the basic plane takes two
        length, single, part = len(text.encode("utf-16-le")) // 2, UCS2_SINGLE, UCS2_PART
    return 1 if length <= single else ceil(length / part)


def text_fits_one_message(text):
    return segments(text) == 1
