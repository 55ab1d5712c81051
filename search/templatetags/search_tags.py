"""{% highlight text stems %}: wrap the words that matched in <mark>, escaping everything else."""
import functools
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import stem, tokenize

register = template.Library()

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


@functools.lru_cache(maxsize=50_000)
def word_stems(word):
    """The stems of one word as written ("Bins" -> {"bin"}): a results page reads the same words again and again."""
    return frozenset(stem(token) for token in tokenize(word))


@register.simple_tag
def highlight(text, stems):
    text = str(text or "")
    if not stems:
        return escape(text)
    return mark_safe(highlighted(text, frozenset(stems)))


@functools.lru_cache(maxsize=4096)
def highlighted(text, stems):
    """The same titles and summaries come back for the same words: each is marked once."""
    parts, last = [], 0
    for match in WORD.finditer(text):
        if not word_stems(match.group()).isdisjoint(stems):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)
