"""One assistant for two councils, end to end: the same question asked on each council's site, through the chat
proxy, the real Rasa server and action server, gets that council's page, price and phone number."""
import pytest
from django.test import Client

from .test_conversations import ProxyChat, text_of, urls_of

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_council")]
FELLSIDE = "fellside.localhost"


def test_the_same_question_gets_each_council_s_own_page_and_price(bot_servers, client):
    fellside = ProxyChat(Client(), bot_servers, FELLSIDE).say("how much to collect an old sofa and a fridge")
    assert "£25" in text_of(fellside) and "/bins-and-recycling/bulky-waste/" in urls_of(fellside)
    westmere = ProxyChat(client, bot_servers).say("how much to collect an old sofa and a fridge")
    assert "£25" not in text_of(westmere) and "/bins-and-recycling/bulky-waste/" in urls_of(westmere)


def test_a_service_only_one_council_has_is_not_answered_with_the_other_s_page(bot_servers):
    reply = ProxyChat(Client(), bot_servers, FELLSIDE).say("sign up for the brown bin garden waste collection")
    assert "/bins-and-recycling/garden-waste/" not in urls_of(reply)  # Westmere's service, not Fellside's
    assert "01632 960500" in text_of(reply) and "01632 960000" not in text_of(reply)  # Fellside's number
