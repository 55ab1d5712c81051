"""{% highlight text stems %}: wrap the words that matched in <mark>, escaping everything else."""
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import stem, tokenize

register = template.Library()

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


@register.simple_tag
def highlight(text, stems):
    text = str(text or "")
    if not stems:
        return escape(text)
    parts, last = [], 0
    for match in WORD.finditer(text):
        words = tokenize(match.group())
        if words and any(stem(word) in stems for word in words):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
