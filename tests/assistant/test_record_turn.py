"""A chat turn is counted in one statement (assistant/conversations.py): the first makes the conversation with its
campaign and council, later ones add to it and keep them."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from assistant.conversations import record_turn
from assistant.models import ChatConversation

pytestmark = pytest.mark.django_db


def test_the_first_turn_makes_the_conversation_and_later_ones_count_on_it():
    site = Site.objects.get(is_default_site=True)
    record_turn("resident-0001", campaign="winter-bins", site=site)
    conversation = ChatConversation.objects.get(sender_id="resident-0001")
    first_seen = conversation.last_message_at
    assert (conversation.turns, conversation.campaign, conversation.site) == (1, "winter-bins", site)

    record_turn("resident-0001", campaign="another-link", site=None)
    record_turn("resident-0001")
    conversation.refresh_from_db()
    assert (conversation.turns, conversation.campaign, conversation.site) == (3, "winter-bins", site)
    assert conversation.last_message_at >= first_seen
    assert conversation.started_at <= conversation.last_message_at
    assert ChatConversation.objects.count() == 1


def test_a_turn_is_one_statement():
    record_turn("resident-0002")
    with CaptureQueriesContext(connection) as queries:
        record_turn("resident-0002")
        record_turn("resident-0003")
    assert len(queries) == 2
    assert ChatConversation.objects.get(sender_id="resident-0003").turns == 1
