""""Did this answer help?" under the chat's answers, and the containment rate, on the feedback dashboard."""
import csv
import io
import json
from datetime import timedelta

import pytest
import responses
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from assistant.conversations import containment
from assistant.models import ChatConversation
from cms_pages.models import TaskPage
from feedback.models import ChatAnswerFeedback
from tests.conftest import westmere

pytestmark = pytest.mark.django_db
PATH = "/bins-and-recycling/report-a-missed-bin/"
RASA = "http://127.0.0.1:5005/webhooks/rest/webhook"


def setup_function():
    cache.clear()


@pytest.fixture
def missed_bin():
    return TaskPage.objects.get(**westmere(PATH))


def rate(client, key, helpful=True, sender="conversation-1", **extra):
    body = json.dumps({"sender": sender, "key": key, "helpful": helpful, **extra})
    return client.post("/api/chat/answer-feedback/", body, content_type="application/json")


def chat(client, sender, message="my bin was missed"):
    body = json.dumps({"sender": sender, "message": message, "page": "/"})
    return client.post("/api/chat/", body, content_type="application/json")


def bot_api(client, path, **data):
    return client.post(f"/api/bot/{path}/", json.dumps(data), content_type="application/json")


@responses.activate
def test_a_page_answer_reaches_the_widget_marked_for_rating(site_client, missed_bin):
    responses.post(RASA, json=[
        {"recipient_id": "x", "text": "You can report a missed bin online."},
        {"recipient_id": "x", "custom": {"links": [{"text": "Start now", "url": "/x/"}],
                                         "answer": {"key": missed_bin.chat_key}}},
    ])
    (message,) = chat(site_client, "conversation-1").json()["messages"]
    assert message["answer"] == {"key": missed_bin.chat_key}  # merged into the text's bubble
    assert message["links"] == [{"text": "Start now", "url": "/x/"}]
    responses.post(RASA, json=[{"recipient_id": "x", "text": "Hello", "custom": {"answer": {"key": "<b>"}}}])
    assert "answer" not in chat(site_client, "conversation-1").json()["messages"][0]  # not a key: dropped


def test_an_answer_is_rated_once_per_conversation_and_page(site_client, missed_bin):
    response = rate(site_client, missed_bin.chat_key, helpful=False)
    assert response.status_code == 200 and response.json()["message"] == "Thank you for your feedback."
    assert rate(site_client, missed_bin.chat_key, helpful=True).status_code == 200  # changed their mind
    feedback = ChatAnswerFeedback.objects.get()
    assert feedback.helpful is True and feedback.path == PATH and feedback.page_id == missed_bin.pk
    assert feedback.service_area.title == "Bins and recycling"
    assert "conversation-1" not in feedback.conversation  # only a hash of the widget's id
    rate(site_client, missed_bin.chat_key, helpful=False, sender="conversation-2")
    assert ChatAnswerFeedback.objects.count() == 2


@pytest.mark.parametrize("body, message", [
    ({"sender": "conversation-1", "key": "no_such_page_key", "helpful": True}, "no longer on our website"),
    ({"sender": "conversation-1", "key": "x\u0000y", "helpful": True}, "no longer on our website"),
    ({"sender": "bad", "key": "k", "helpful": True}, "session has expired"),
    ({"sender": "conversation-1", "key": "k", "helpful": "yes"}, "Choose Yes or No"),
])
def test_bad_ratings_get_a_clear_message(site_client, body, message):
    response = site_client.post("/api/chat/answer-feedback/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and message in response.json()["message"]
    assert not ChatAnswerFeedback.objects.exists()


def test_unreadable_bodies_are_refused_without_a_crash(site_client):
    deep = "[" * 5000 + "]" * 5000
    for body in (deep, "not json", json.dumps({"sender": "x" * 5000})):
        response = site_client.post("/api/chat/answer-feedback/", body, content_type="application/json")
        assert response.status_code == 400 and "could not be read" in response.json()["message"]


def test_rating_needs_the_csrf_token_the_widget_already_holds(missed_bin):
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    assert rate(client, missed_bin.chat_key).status_code == 403
    client.get("/api/chat/")
    body = json.dumps({"sender": "conversation-1", "key": missed_bin.chat_key, "helpful": True})
    response = client.post("/api/chat/answer-feedback/", body, content_type="application/json",
                           HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert response.status_code == 200


@override_settings(FEEDBACK_RATE_LIMIT="3/m")
def test_ratings_are_rate_limited(site_client, missed_bin):
    statuses = [rate(site_client, missed_bin.chat_key, sender=f"conversation-{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


@responses.activate
def test_containment_counts_ended_conversations_without_fallback_or_handoff(site_client):
    responses.post(RASA, json=[{"recipient_id": "x", "text": "An answer."}])
    for sender in ("contained-1", "contained-2", "fellback-1", "handedoff-1", "ongoing-1"):
        chat(site_client, sender)
    chat(site_client, "contained-1")
    assert ChatConversation.objects.get(sender_id="contained-1").turns == 2
    bot_api(site_client, "unanswered", sender_id="fellback-1", text="can I keep bees")
    bot_api(site_client, "handoff", sender_id="handedoff-1", transcript=[])
    an_hour_ago = timezone.now() - timedelta(hours=1)
    ChatConversation.objects.exclude(sender_id="ongoing-1").update(last_message_at=an_hour_ago)

    counts = containment(timezone.now() - timedelta(days=1))
    assert counts == {"ended": 4, "contained": 2, "fallback": 1, "handed_off": 1, "in_progress": 1, "percent": 50}


def test_the_dashboard_shows_containment_and_which_answers_helped(client, editor, site_client, missed_bin):
    for n, helpful in enumerate([True, False, False]):
        rate(site_client, missed_bin.chat_key, helpful=helpful, sender=f"conversation-{n}")
    ended = timezone.now() - timedelta(hours=2)
    ChatConversation.objects.create(sender_id="a-contained", turns=3, last_message_at=ended)
    ChatConversation.objects.create(sender_id="a-fallback", turns=1, fallbacks=1, last_message_at=ended)
    ChatConversation.objects.create(sender_id="b-contained", turns=2, last_message_at=ended)
    ChatConversation.objects.create(sender_id="b-contained2", turns=2, last_message_at=ended)

    client.force_login(editor)
    html = client.get("/admin/resident-feedback/").content.decode()
    assert "<strong>75%</strong> of 4 ended conversations needed no fallback and no person" in html
    assert "Did this answer help?" in html
    row = html[html.index("Page the answer came from"):]
    assert f'<a href="{PATH}">{missed_bin.title}</a></td><td>1</td><td>2</td><td>33%</td>' in row  # named by title
    assert f'href="/admin/pages/{missed_bin.pk}/edit/"' in row  # straight to the page's chat answer

    rows = list(csv.reader(io.StringIO(client.get("/admin/resident-feedback/export.csv").content.decode())))
    helped = next(r for r in rows if r[0] == "Chat answer helped")
    assert helped[1:7] == ["Bins and recycling", "", PATH, "1", "2", "33"]
    contained = next(r for r in rows if r[0] == "Chat containment")
    assert contained[4:8] == ["3", "1", "75", "4"]


def test_old_conversation_counts_are_deleted_with_old_transcripts():
    ChatConversation.objects.create(sender_id="old-conversation", last_message_at=timezone.now() - timedelta(days=400))
    ChatConversation.objects.create(sender_id="new-conversation")
    call_command("delete_old_transcripts", days=90, stdout=io.StringIO())
    assert list(ChatConversation.objects.values_list("sender_id", flat=True)) == ["new-conversation"]
