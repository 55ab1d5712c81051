"""A chat question shared as a link: which page's answer the assistant gives to it, read by the model alone (Rasa's
/model/parse: no conversation, nothing written), and how that answer is named when the link is shared. The answer
pages (cms_pages.answer_pages) and campaign links' card previews (campaigns) read them here."""
from django.conf import settings

from . import rasa_api
from .chat_keys import is_chat_key
from .chat_pages import chat_page_for_key


def intent_of(question):
    """The intent the model reads in the question when it is sure enough (ASK_LINK_MIN_CONFIDENCE) and sure it is not
    another (ASK_LINK_MIN_MARGIN), else None (and None when the assistant is down)."""
    parsed = rasa_api.parse(question)
    if not parsed or parsed["confidence"] < settings.ASK_LINK_MIN_CONFIDENCE:
        return None
    if parsed.get("margin", 1) < settings.ASK_LINK_MIN_MARGIN:
        return None  # two readings nearly as likely: as the assistant itself, it would ask, so a link searches
    return parsed["intent"]


def answering_page(question, site, intent=None):
    """The live page whose answer the assistant would give, or None (not understood, or the assistant is down)."""
    intent = intent or intent_of(question)
    return chat_page_for_key(intent, site) if intent and is_chat_key(intent) else None


def answer_title(page):
    """The title of a page's answer where a link shows it: "Report a missed bin collection: our assistant's answer"."""
    return f"{page.title}: our assistant's answer"
