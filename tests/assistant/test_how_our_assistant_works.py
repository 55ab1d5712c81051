"""How our assistant works (issue 26): a page for residents on what the assistant does, that it is not a person,
what it keeps and for how long (the settings' own numbers), and how to reach a person; linked from the chat."""
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def words(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_page_says_what_the_assistant_keeps_for_as_long_as_the_settings_keep_it(client):
    page = words(client.get("/how-our-assistant-works/").content.decode())
    assert "It is not a person" in page and "talk to a person" in page
    days = settings.RASA_TRACKER_RETENTION_DAYS
    assert f"Your messages and the assistant's replies: deleted after {days} days" in page
    assert f"for {settings.HANDOFF_TRANSCRIPT_RETENTION_DAYS} days" in page
    assert f"It is deleted after {settings.CHAT_TRANSCRIPT_RETENTION_DAYS} days" in page


def test_the_chat_links_it_and_the_accessibility_statement_names_the_assistant(client):
    assert 'data-about-url="/how-our-assistant-works/"' in client.get("/").content.decode()
    statement = words(client.get("/accessibility/").content.decode())
    assert "Ask Westmere, the chat assistant" in statement
