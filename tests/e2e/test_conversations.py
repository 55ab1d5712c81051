"""Multi-turn conversations (issue 16) through the site's chat proxy, as the widget sends them,
with the real Rasa server, action server and site."""
import uuid

import pytest
from django.test import override_settings

from assistant import bin_days

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_council")]

BIN_DAY_PAGE = "/bins-and-recycling/bin-collection-day/"


class ProxyChat:
    """One resident talking through /api/chat/, the endpoint the chat widget posts to."""

    def __init__(self, client, rasa_url, host="localhost"):
        self.client = client
        self.rasa_url = rasa_url
        self.host = host  # the council's site the widget is on
        self.sender = f"conv-{uuid.uuid4().hex[:10]}"

    def say(self, text, page="/"):
        # Many residents' conversations come from one test client: the flood limit has its own tests.
        with override_settings(RASA_URL=self.rasa_url, CHAT_RATE_LIMIT="1000/m"):
            response = self.client.post(
                "/api/chat/", {"sender": self.sender, "message": text, "page": page},
                content_type="application/json", HTTP_HOST=self.host,
            )
        assert response.status_code == 200
        return response.json()["messages"]


def text_of(messages):
    return " ".join(message.get("text") or "" for message in messages)


def urls_of(messages):
    return [link["url"] for message in messages for link in message.get("links") or []]


def test_a_new_question_in_the_bin_day_form_is_answered_and_the_form_resumes(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert "postcode" in text_of(chat.say("when is my bin day")).lower()

    replies = chat.say("hang on, how do I book a bulky collection")
    assert "doesn't look like a postcode" not in text_of(replies)
    assert any("bulky" in url for url in urls_of(replies))
    assert "Do you still want your bin day?" in text_of(replies)

    answer = chat.say("wm1 1aa")
    assert bin_days.collections_for("WM1 1AA")["day"] in text_of(answer)


def test_i_dont_know_my_postcode_does_not_end_the_form(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    chat.say("bin day")
    replies = chat.say("i dont know my postcode")
    assert "I've stopped" not in text_of(replies)
    assert "Council Tax bill" in text_of(replies)

    answer = chat.say("found it, wm1 1aa")
    assert "WM1 1AA" in text_of(answer)
    assert any(url.split("?")[0] == BIN_DAY_PAGE for url in urls_of(answer))  # with ?postcode= for the lookup


def test_thanks_while_the_form_waits_ends_it_without_calling_it_a_bad_postcode(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    chat.say("when is my bin day")
    replies = text_of(chat.say("thanks"))
    assert "doesn't look like a postcode" not in replies
    assert "You're welcome" in replies

    answer = chat.say("how do I pay council tax")  # a new question is answered, not taken as a postcode
    assert "doesn't look like a postcode" not in text_of(answer)
    assert any("council-tax" in url for url in urls_of(answer))


def test_the_postcode_is_remembered_for_the_next_bin_question(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    first = chat.say("when is bin day for WM1 1AA")
    assert "WM1 1AA" in text_of(first)
    chat.say("thanks")

    again = chat.say("when is my bin day")
    assert "What is your postcode" not in text_of(again)
    assert bin_days.collections_for("WM1 1AA")["day"] in text_of(again)


def test_stopping_after_a_topic_change(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    chat.say("when is my bin day")
    chat.say("actually how do I pay my council tax")
    assert "I've stopped" in text_of(chat.say("stop"))


def test_an_answer_that_did_not_help_reaches_the_editors_with_the_question(bot_servers, client):
    from assistant.models import UnansweredQuestion

    chat = ProxyChat(client, bot_servers)
    answer = chat.say("how do i get rid of an old sofa", page="/bins-and-recycling/")
    assert "/bins-and-recycling/bulky-waste/" in urls_of(answer)

    sorry = chat.say("that's not what I asked", page="/bins-and-recycling/")
    assert "Sorry that didn't help" in text_of(sorry)
    assert "/search/?q=how+do+i+get+rid+of+an+old+sofa" in urls_of(sorry)
    assert any(button["payload"] == "/request_human" for m in sorry for button in m.get("buttons") or [])
    question = UnansweredQuestion.objects.get(text="how do i get rid of an old sofa")
    assert question.unhelpful_answer_key == "bulky_waste" and question.page_url == "/bins-and-recycling/"

    assert "I can answer questions about Westmere District Council services" in text_of(chat.say("what can you do"))


def test_how_much_is_it_after_an_answer_gives_that_pages_cost(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert "/bins-and-recycling/garden-waste/" in urls_of(chat.say("can I get my garden waste collected"))
    cost = chat.say("how much is it")
    assert "£52" in text_of(cost) and "/bins-and-recycling/garden-waste/" in urls_of(cost)
    needs = chat.say("what do I need")
    assert "you need" in text_of(needs)


def test_paying_and_timescales_after_an_answer_are_about_that_service_not_council_tax(bot_servers, client):
    """Tour on make prod: "and can I pay by card?" after the bulky waste answer was answered with Council Tax
    (paying is its word). Asked without a service of its own, it is about the bulky waste collection."""
    chat = ProxyChat(client, bot_servers)
    assert "/bins-and-recycling/bulky-waste/" in urls_of(chat.say("how much is a bulky collection"))
    card = chat.say("and can I pay by card?")
    assert "/bins-and-recycling/bulky-waste/" in urls_of(card) and "Council Tax" not in text_of(card)
    assert "/bins-and-recycling/bulky-waste/" in urls_of(chat.say("how long does it take?"))
