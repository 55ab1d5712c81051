"""What a chat was about, in the words a person uses: staff never read the assistant's internal codes.

A handoff's topic is the name of what the assistant last understood: a page's chat key ("pay_council_tax"),
one of the bot's own intents ("bin_collection_day") or "general". A page's key is described by that page's
title (chat_pages.chat_page_title); the bot's own intents have their words here. Anything else (an old key,
something a client made up) is "Not known", never the code.
"""

import re

from wagtail.models import Page

from sitewide.current_site import current_site

from .chat_pages import chat_page_title

NOT_KNOWN = "Not known"

# The bot's own intents (bot/domain.yml) and the conversation's "general" topic.
BOT_TOPICS = {
    "general": "General question",
    "bin_collection_day": "Bin collection day",
    "inform_postcode": "Bin collection day",
    "dont_know_postcode": "Bin collection day",
    "risk_of_harm": "Risk of harm (urgent)",
    "out_of_scope": "Something the council does not do",
    "nlu_fallback": "A question the assistant could not answer",
}
# Buttons the assistant offers: a resident who pressed one sent its payload ("/request_human").
BUTTONS = {
    "request_human": "Talk to a person",
    "not_helpful": "That did not help",
    "stop": "Stop",
    "affirm": "Yes",
    "deny": "No",
    "greet": "Hello",
    "thanks": "Thank you",
    "goodbye": "Goodbye",
    "ask_what_you_can_do": "What can you do?",
    "ask_cost": "How much is it?",
    "ask_what_you_need": "What do I need?",
}
PAYLOAD_RE = re.compile(r"/(?P<intent>[A-Za-z0-9_]{1,100})(?P<rest>\{.*\})?", re.S)


def topic_words(topic):
    """ "pay_council_tax" -> "Pay your Council Tax"; an unknown code -> "Not known"."""
    topic = (topic or "").strip()
    if not topic:
        return NOT_KNOWN
    return chat_page_title(topic) or BOT_TOPICS.get(topic) or BUTTONS.get(topic) or NOT_KNOWN


def resident_words(text):
    """What the resident sent, as staff should read it: a button's payload is the button they pressed."""
    match = PAYLOAD_RE.fullmatch((text or "").strip())
    if not match:
        return text
    return f"(pressed “{BUTTONS.get(match['intent']) or topic_words(match['intent'])}”)"


def page_at(path, site=None):
    """The live page at a site-relative address ("/housing/") of `site` (a council's; by default the default
    site), or None."""
    if not path or not path.startswith("/"):
        return None
    site = site or current_site()
    if site is None:
        return None
    parts = [part for part in path.split("?")[0].split("#")[0].split("/") if part]
    url_path = site.root_page.url_path + "".join(f"{part}/" for part in parts)
    return Page.objects.live().filter(url_path=url_path).first()


def page_words(path, site=None):
    """The title of the page a chat started on ("Home" for "/") of `site`, or the address if it is not a page."""
    page = page_at(path, site)
    return page.title if page else (path or NOT_KNOWN)
