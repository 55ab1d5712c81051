"""Wagtail's accessibility checker with the council's content rules.

Wagtail runs axe-core in the page editor's Checks panel (on the live preview) and in the userbar on
the site. On top of Wagtail's rules (heading order, empty headings, empty link text, paragraphs used
as headings, image alt text that is a file name), these check that every image has alt text and
that no link says only "click here", "here", "read more" or "more". axe-core takes a custom check's
evaluate function as the source of a function in its JSON configuration.
"""

from wagtail.admin.userbar import ContentCheckerItem

VAGUE_LINK_TEXT = (
    r"^\s*(click here|click|here|this page|read more|more|more info|more information|find out more|link)\s*[.!]?\s*$"
)
CHECK_LINK_TEXT = (
    "function (node, options) {"
    " var text = (node.textContent || '').replace(/\\s+/g, ' ').trim();"
    " return !new RegExp(options.pattern, 'i').test(text); }"
)


class ContentAccessibilityItem(ContentCheckerItem):
    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt", "link-text-quality"]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": "link-text-quality",
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["best-practice"],
            "any": ["check-link-text"],
            "enabled": True,
        },
    ]
    axe_custom_checks = [
        *ContentCheckerItem.axe_custom_checks,
        {"id": "check-link-text", "evaluate": CHECK_LINK_TEXT, "options": {"pattern": VAGUE_LINK_TEXT}},
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": "Image has no alt text",
            "help_text": "Say what the picture shows, or mark it as decorative",
        },
        "link-text-quality": {
            "error_name": 'Link text like "click here"',
            "help_text": "Say where the link goes: \"Pay your Council Tax\", not \"click here\"",
        },
    }
