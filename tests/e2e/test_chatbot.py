"""Conversations through Rasa's REST channel and the site's chat proxy, with the real bot and site."""
import uuid

import pytest
import requests
from django.test import Client, override_settings

from assistant import bin_days
from assistant.models import HandoffRequest
from feedback.models import ChatAnswerFeedback
from tests.conftest import westmere

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_council")]


class Conversation:
    def __init__(self, rasa_url):
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"

    def say(self, text, page="/"):
        response = requests.post(
            self.url, json={"sender": self.sender, "message": text, "metadata": {"page": page}}, timeout=60
        )
        response.raise_for_status()
        return response.json()


def texts(replies):
    return " ".join(reply.get("text", "") for reply in replies)


def links(replies):
    return [link["url"] for reply in replies for link in (reply.get("custom") or {}).get("links", [])]


def paths(replies):
    """The links of the replies without their query (a Start now link carries the resident's words for the form)."""
    return [url.split("?")[0] for url in links(replies)]


def test_a_common_question_links_to_the_task_and_its_form(bot_servers):
    replies = Conversation(bot_servers).say("my bin wasnt emptied this morning")
    assert "/bins-and-recycling/report-a-missed-bin/" in links(replies)
    assert "/bins-and-recycling/report-a-missed-bin/start/" in paths(replies)
    start = next(link["url"] for reply in replies for link in (reply.get("custom") or {}).get("links", [])
                 if "/start/" in link["url"])
    assert start.endswith("?said=my+bin+wasnt+emptied+this+morning")


def test_a_pothole_is_signposted_to_the_county_council(bot_servers):
    replies = Conversation(bot_servers).say("there's a massive pothole on my road")
    assert "Westmere County Council" in texts(replies)
    assert any(url.startswith("https://") for url in links(replies))


def test_bin_day_asks_for_a_postcode_and_re_prompts_when_it_is_wrong(bot_servers):
    chat = Conversation(bot_servers)
    assert "postcode" in texts(chat.say("when is my bin day")).lower()
    assert "WM1 1AA" in texts(chat.say("the one by the park"))
    answer = chat.say("wm1 1aa")
    weekday = bin_days.collections_for("WM1 1AA")["day"]
    assert "WM1 1AA" in texts(answer) and weekday in texts(answer)
    # The page itself, opened on that postcode's addresses (the lookup is on the page)
    assert "/bins-and-recycling/bin-collection-day/?postcode=WM1+1AA" in links(answer)


def test_homelessness_gets_phone_numbers_at_once(bot_servers):
    replies = Conversation(bot_servers).say("I've been evicted and have nowhere to sleep tonight")
    assert "01632 960000" in texts(replies) and "01632 960999" in texts(replies)


def test_asking_for_a_person_records_a_handoff_with_the_conversation(bot_servers):
    chat = Conversation(bot_servers)
    chat.say("hello")
    replies = chat.say("I want to speak to a real person")
    handoff = HandoffRequest.objects.get(sender_id=chat.sender)
    assert handoff.reference in texts(replies)
    assert any("real person" in turn.get("text", "") for turn in handoff.transcript)


def test_the_site_chat_proxy_returns_widget_messages_from_the_real_bot(bot_servers, client):
    sender = f"proxy-{uuid.uuid4().hex[:10]}"
    with override_settings(RASA_URL=bot_servers):
        response = client.post(
            "/api/chat/",
            {"sender": sender, "message": "how do I pay my council tax", "page": "/"},
            content_type="application/json",
            HTTP_HOST="localhost",
        )
    assert response.status_code == 200
    messages = response.json()["messages"]
    assert any(link["url"] == "/council-tax/pay/" for message in messages for link in message["links"])
    # The page's answer is marked for "Did this answer help?", and the resident's Yes is stored for that page.
    (answer,) = [message["answer"] for message in messages if "answer" in message]
    rated = client.post(
        "/api/chat/answer-feedback/", {"sender": sender, "key": answer["key"], "helpful": True},
        content_type="application/json", HTTP_HOST="localhost",
    )
    assert rated.status_code == 200
    assert ChatAnswerFeedback.objects.get().path == "/council-tax/pay/"


def test_a_person_takes_over_the_chat_and_hands_it_back_to_the_bot(bot_servers, client, django_user_model):
    from django.contrib.auth.models import Permission

    from assistant import handoffs

    # The live server's database was flushed, taking the migration-made group with it: grant the permissions.
    agent = django_user_model.objects.create_user("agent", password="x", first_name="Sam")
    agent.user_permissions.add(
        Permission.objects.get(codename="handle_live_chat"), Permission.objects.get(codename="access_admin")
    )
    handoffs.mark_staff_seen(agent)
    resident, staff = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    staff.force_login(agent)
    sender = f"handoff-{uuid.uuid4().hex[:10]}"

    def say(text):
        response = resident.post(
            "/api/chat/", {"sender": sender, "message": text, "page": "/housing/"}, content_type="application/json"
        )
        assert response.status_code == 200
        return response.json()

    always_open = {"CONTACT_CENTRE_DAYS": list(range(7)), "CONTACT_CENTRE_OPENS": "00:00",
                   "CONTACT_CENTRE_CLOSES": "23:59:59", "RASA_URL": bot_servers}
    with override_settings(**always_open):
        reply = say("I want to talk to a person please")
        assert reply["mode"] == "human"
        handoff = HandoffRequest.objects.get(sender_id=sender)
        assert requests.get(f"{bot_servers}/conversations/{sender}/tracker", timeout=10).json()["paused"]

        assert handoff.reference in staff.get("/admin/live-chat/").content.decode()
        staff.post(f"/admin/live-chat/{handoff.reference}/claim/")
        say("my housing benefit stopped")
        assert "my housing benefit stopped" in staff.get(f"/admin/live-chat/{handoff.reference}/").content.decode()
        question = "I can help with that. What is your claim number?"
        staff.post(f"/admin/live-chat/{handoff.reference}/reply/", {"text": question})
        polled = resident.get("/api/chat/poll/", {"after": 0}, headers={"X-Chat-Sender": sender}).json()
        assert question in [m["text"] for m in polled["messages"]]

        staff.post(f"/admin/live-chat/{handoff.reference}/close/", {"outcome": "answered"})
        handoff.refresh_from_db()
        assert handoff.status == "closed" and handoff.bot_resumed
        answer = say("how do I pay my council tax")
        assert answer["mode"] == "bot"
        assert any(link["url"] == "/council-tax/pay/" for m in answer["messages"] for link in m["links"]), answer


def test_a_moved_and_renamed_page_is_still_answered_with_its_new_url(bot_servers):
    """The bot knows the page by its chat key, so no retraining is needed when an editor moves it."""
    from cms_pages.models import ServiceAreaPage, TaskPage

    page = TaskPage.objects.get(**westmere("/environment/report-dog-fouling/"))
    page.slug = "dog-fouling"
    page.save_revision().publish()
    page.move(ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")), pos="last-child")

    replies = Conversation(bot_servers).say("someone keeps letting their dog foul outside my house")
    assert "/bins-and-recycling/dog-fouling/" in links(replies)
    assert "/bins-and-recycling/dog-fouling/start/" in paths(replies)


def test_a_did_you_mean_button_asks_that_pages_intent_directly(bot_servers):
    """The fallback's "Did you mean" buttons send "/<chat key>": the real bot answers with that page."""
    replies = Conversation(bot_servers).say("/report_noise")
    assert "/environment/report-noise/" in links(replies)
    assert "/environment/report-noise/start/" in paths(replies)
