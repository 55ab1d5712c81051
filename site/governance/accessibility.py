"""Accessibility rules for content, where editors write.

- Wagtail's accessibility checker (axe-core, in the editor's Checks panel on the live preview and in
  the userbar on the site) runs with Wagtail's content rules (heading order, empty headings and links,
  paragraphs used as headings, alt text that is a file name) plus axe's `image-alt`: every image needs
  alt text.
- Link text such as "click here" has no axe rule, and axe can only take a custom check as code to
  evaluate, which the site's Content-Security-Policy (no 'unsafe-eval') rightly forbids. So vague link
  text is found on the server, in the words of the form, and shown in the same Checks panel beside the
  plain-English check (draft_check.py).
"""

import json
import re
from html import unescape

from django.utils.html import strip_tags
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.fields import StreamField

VAGUE_LINK_TEXT = re.compile(
    r"^\s*(click here|click|here|this page|this link|read more|more|more info|more information|find out more|link)"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)
LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)


class ContentAccessibilityItem(ContentCheckerItem):
    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt"]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": "Image has no alt text",
            "help_text": "Say what the picture shows, or mark it as decorative",
        },
    }


def vague_links(page):
    """[(field label, link text)] for links in the page's rich text that do not say where they go."""
    found = []
    for field in type(page)._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        source = json.dumps(field.get_prep_value(getattr(page, field.name)), ensure_ascii=False)
        for inner in LINK.findall(source.replace('\\"', '"')):
            text = " ".join(unescape(strip_tags(inner)).split())
            if not text or VAGUE_LINK_TEXT.match(text):
                found.append((str(field.verbose_name).capitalize(), text or "(no text)"))
    return found
