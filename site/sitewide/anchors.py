"""Stable ids on headings so social-media posts can link to a section (/page/#section)."""
import re

from django.utils.html import strip_tags
from django.utils.text import slugify

HEADING_RE = re.compile(r"<h([2-4])(?P<attrs>[^>]*)>(?P<inner>.*?)</h\1>", re.IGNORECASE | re.DOTALL)
ID_RE = re.compile(r'\bid="([^"]+)"')
# Headings that are part of a GOV.UK component, not a section anyone links to: "There is a problem" got a '#'.
NO_ANCHOR_RE = re.compile(
    r'class="[^"]*\b(govuk-error-summary__title|govuk-notification-banner__title)\b|data-no-anchor'
)


def add_heading_anchors(html):
    """Give every h2-h4 an id made from its text (kept if it has one) and a '#' link to it."""
    seen = set()

    def replace(match):
        level, attrs, inner = match.group(1), match.group("attrs"), match.group("inner")
        if NO_ANCHOR_RE.search(attrs):
            return match.group(0)
        existing = ID_RE.search(attrs)
        anchor = existing.group(1) if existing else slugify(strip_tags(inner)) or "section"
        base, n = anchor, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        if not existing:
            attrs = f'{attrs} id="{anchor}"'
        if "<a" in inner:  # headings that are links already need only the id
            return f"<h{level}{attrs}>{inner}</h{level}>"
        link = (
            f'<a class="wm-heading-anchor" href="#{anchor}">'
            f'<span class="govuk-visually-hidden">Link to this section</span>#</a>'
        )
        return f"<h{level}{attrs}>{inner} {link}</h{level}>"

    return HEADING_RE.sub(replace, str(html))
