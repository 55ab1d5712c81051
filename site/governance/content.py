"""The words residents read on a page, as plain-text segments, and how much they changed since a test.

A segment is one paragraph, heading, list item or field: the checks never join two segments into one
sentence, so a list item without a full stop is not read as part of the next line.
"""

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.rich_text import RichText

# Fields that are not prose residents read as sentences (the chat questions are residents' own words, typos and all).
SKIPPED_FIELDS = {
    "search_keywords", "phone", "out_of_hours_phone", "kind", "slug", "seo_title", "search_description",
    "chat_questions", "chat_key",
}
BLOCK_BREAK = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|br|div|blockquote)\b[^>]*>", re.IGNORECASE)


@dataclass
class Segment:
    label: str  # which field or block it came from, for the editor
    text: str


def html_segments(html):
    return [unescape(strip_tags(part)).strip() for part in BLOCK_BREAK.split(html or "")]


def value_segments(value):
    """Plain text from a StreamField value (any nesting of struct, list and stream blocks)."""
    if value is None:
        return []
    if isinstance(value, RichText):
        return html_segments(value.source)
    if isinstance(value, str):
        return [value]
    if isinstance(value, models.Model):  # a chosen page, image or document
        return []
    if hasattr(value, "raw_data") and hasattr(value, "__iter__"):  # StreamValue
        return [text for child in value for text in value_segments(child.value)]
    if hasattr(value, "items") and callable(value.items):  # StructValue
        return [
            text
            for key, child in value.items()
            if key not in {"url", "phone", "email"}
            for text in value_segments(child)
        ]
    if isinstance(value, list | tuple) or hasattr(value, "bound_blocks"):  # ListValue
        return [text for child in value for text in value_segments(child)]
    return []


def page_segments(page):
    """The page's words in the order of its fields: title first, then summary and body."""
    page = page.specific
    segments = [Segment("Title", page.title)]
    for field in type(page)._meta.concrete_fields:
        if field.model._meta.label == "wagtailcore.Page" or field.name in SKIPPED_FIELDS or field.choices:
            continue
        if field.is_relation or isinstance(field, models.URLField | models.EmailField):
            continue
        label = str(field.verbose_name).capitalize()
        value = getattr(page, field.name)
        if isinstance(field, StreamField):
            texts = value_segments(value)
        elif isinstance(field, models.TextField):
            texts = value.splitlines() if value else []
        elif isinstance(field, models.CharField):
            texts = [value] if value else []
        else:
            continue
        segments.extend(Segment(label, " ".join(text.split())) for text in texts if text and text.strip())
    return segments


def page_text(page):
    return "\n".join(segment.text for segment in page_segments(page))


def text_hash(text):
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def changed_percent(old_text, new_text):
    return round(100 * (1 - similarity(old_text, new_text)))


def is_material_change(old_text, new_text, material_change_percent):
    """True when the words changed by more than the given share since `old_text`."""
    return similarity(old_text, new_text) < 1 - material_change_percent / 100


def similarity(old_text, new_text):
    """1.0 for the same words, towards 0 as they differ (difflib ratio over words)."""
    if old_text == new_text:
        return 1.0
    return SequenceMatcher(None, old_text.split(), new_text.split(), autojunk=False).ratio()
