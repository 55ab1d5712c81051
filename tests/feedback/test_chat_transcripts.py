"""Chat transcripts for editors (Resident feedback > Chat transcripts): the bot posts the conversations that went
wrong, personal data is removed on the way in, they are deleted after CHAT_TRANSCRIPT_RETENTION_DAYS, only users
allowed to read them can, and every reading is in the admin's log."""
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from assistant.models import ChatTranscript
from cms_pages.models import TaskPage
from tests.conftest import westmere

pytestmark = pytest.mark.django_db
URL = "/api/bot/transcript/"
SENDER = "a1b2c3d4-conversation"
PATH = "/bins-and-recycling/report-a-missed-bin/"


def post(client, body=None, raw=None, **headers):
    data = raw if raw is not None else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **headers)


def turn(sender, text, timestamp=1700000000.0):
    return {"sender": sender, "text": text, "timestamp": timestamp}


def send(client, reason="said_no", transcript=None, sender_id=SENDER, page_url=PATH):
    transcript = [turn("user", "my bin wasn't emptied"), turn("bot", "You can report a missed bin online.")] \
        if transcript is None else transcript
    return post(client, {"sender_id": sender_id, "reason": reason, "transcript": transcript, "page_url": page_url})


# -- the bot API ------------------------------------------------------------------------------------------------


def test_the_bot_posts_a_conversation_and_its_words_are_stored_without_personal_data(client):
    response = send(client, transcript=[
        turn("user", "my bin was missed at WM1 1AA, email jo.bloggs@example.org", 1700000001.0),
        turn("bot", "Call us on 07700 900123 about account 50012345.", 1700000002.5),
        turn("system", "not a turn"), {"sender": "user"}, {"sender": "user", "text": ["a", "list"]},
        turn("user", "x" * 5000, 1700000003.0),
        {"sender": "user", "text": "no time", "timestamp": "yesterday"},
    ])

    assert response.status_code == 201
    assert response.json() == {"ok": True, "turns": 4}
    saved = ChatTranscript.objects.get(sender_id=SENDER)
    assert saved.said_no and not saved.rephrased and not saved.handed_off
    assert saved.page_url == PATH
    assert saved.turns[:2] == [
        {"sender": "user", "text": "my bin was missed at [postcode], email [email]", "timestamp": 1700000001.0},
        {"sender": "bot", "text": "Call us on [phone] about account [number].", "timestamp": 1700000002.5},
    ]
    assert len(saved.turns[2]["text"]) == ChatTranscript.MAX_TEXT
    assert saved.turns[3] == {"sender": "user", "text": "no time", "timestamp": None}


def test_only_the_last_turns_are_kept():
    from assistant.chat_transcripts import clean_turns

    turns = clean_turns([turn("user" if i % 2 else "bot", f"message {i}", 1700000000.0 + i) for i in range(200)])
    assert len(turns) == ChatTranscript.MAX_TURNS
    assert turns[-1]["text"] == "message 199" and turns[0]["text"] == f"message {200 - ChatTranscript.MAX_TURNS}"


def test_a_later_post_replaces_the_turns_and_adds_its_reason(client):
    assert send(client, "said_no").status_code == 201
    first = ChatTranscript.objects.get()
    longer = [turn("user", "my bin wasn't emptied"), turn("bot", "You can report a missed bin online."),
              turn("user", "that's not it"), turn("user", "talk to a person")]

    response = send(client, "handed_off", transcript=longer, page_url="/contact-us/")

    assert response.status_code == 200
    saved = ChatTranscript.objects.get()
    assert saved.pk == first.pk
    assert saved.said_no and saved.handed_off and not saved.rephrased
    assert [t["text"] for t in saved.turns] == [t["text"] for t in longer]
    assert saved.page_url == PATH  # where the chat started
    assert saved.updated_at > first.updated_at and saved.created_at == first.created_at
    send(client, "rephrased", transcript=[])  # nothing new to read: the turns kept stay
    saved.refresh_from_db()
    assert saved.rephrased and len(saved.turns) == 4
    assert [value for value, _ in saved.reasons] == ["said_no", "rephrased", "handed_off"]


@pytest.mark.parametrize("body, message", [
    ({"reason": "said_no"}, "sender_id"),
    ({"sender_id": 12345678, "reason": "said_no"}, "sender_id"),
    ({"sender_id": "short", "reason": "said_no"}, "sender_id"),
    ({"sender_id": "x/../../model/parse?x=", "reason": "said_no"}, "sender_id"),
    ({"sender_id": SENDER + "\n", "reason": "said_no"}, "sender_id"),
    ({"sender_id": "a" * 101, "reason": "said_no"}, "sender_id"),
    ({"sender_id": SENDER}, "reason"),
    ({"sender_id": SENDER, "reason": "bored"}, "reason"),
    ({"sender_id": SENDER, "reason": ["said_no"]}, "reason"),
    ({"sender_id": SENDER, "reason": {"said_no": True}}, "reason"),
    ({"sender_id": SENDER, "reason": "said_no", "transcript": "my bin"}, "transcript"),
    ({"sender_id": SENDER, "reason": "said_no", "transcript": {"sender": "user"}}, "transcript"),
    ({"sender_id": SENDER, "reason": "said_no", "page_url": ["/"]}, "page_url"),
])
def test_bad_input_is_refused_with_a_clear_message(client, body, message):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request" and message in response.json()["message"]
    assert not ChatTranscript.objects.exists()


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '"text"', "null", "[" * 5000 + "]" * 5000, "{"])
def test_a_body_that_is_not_a_json_object_is_refused(client, raw):
    response = post(client, raw=raw)
    assert response.status_code == 400 and response.json()["message"] == "Send a JSON object."


def test_nul_bytes_lone_surrogates_and_odd_unicode_are_stored_safely(client):
    raw = json.dumps({"sender_id": SENDER, "reason": "rephrased", "page_url": "/\u0000council-tax/", "transcript": [
        turn("user", "bin\u0000 day \ud800 for \u202eWM1 1AA\u202c 🗑️ e\u0301"),
        turn("bot", "\u0000"),
    ]})
    response = post(client, raw=raw)
    assert response.status_code == 201
    saved = ChatTranscript.objects.get()
    assert saved.turns == [{"sender": "user", "text": "bin day \ufffd for \u202e[postcode]\u202c 🗑️ e\u0301",
                            "timestamp": 1700000000.0}]
    assert saved.page_url == "/council-tax/"


def test_huge_bodies_wrong_methods_and_a_missing_token_are_refused(client, settings):
    huge = json.dumps({"sender_id": SENDER, "reason": "said_no", "transcript": [turn("user", "x" * 1000)] * 5000})
    assert post(client, raw=huge).status_code == 400  # over DATA_UPLOAD_MAX_MEMORY_SIZE: never read
    response = client.generic("POST", URL, b"", content_type="application/json",
                              CONTENT_LENGTH=str(50 * 1024 * 1024))  # over REQUEST_BODY_MAX_BYTES: not even received
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    assert client.get(URL).status_code == 405
    settings.BOT_API_TOKEN = "s3cret"
    assert send(client).status_code == 403
    wrong = post(client, {"sender_id": SENDER, "reason": "said_no"}, HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.status_code == 403
    assert post(client, {"sender_id": SENDER, "reason": "said_no"},
                HTTP_AUTHORIZATION="Bearer s3cret").status_code == 201
    assert ChatTranscript.objects.count() == 1


# -- retention --------------------------------------------------------------------------------------------------


def kept(sender_id, days_ago, **fields):
    moment = timezone.now() - timedelta(days=days_ago)
    return ChatTranscript.objects.create(sender_id=sender_id, created_at=moment, updated_at=moment, **fields)


def test_the_retention_command_deletes_transcripts_unchanged_for_the_retention_period():
    kept("old-conversation", 31, said_no=True)
    kept("recent-conversation", 29, handed_off=True)
    out = io.StringIO()
    call_command("delete_old_transcripts", stdout=out)  # CHAT_TRANSCRIPT_RETENTION_DAYS: 30 by default
    assert list(ChatTranscript.objects.values_list("sender_id", flat=True)) == ["recent-conversation"]
    assert "Deleted 1 chat transcripts kept for editors, unchanged for 30 days." in out.getvalue()
    with override_settings(CHAT_TRANSCRIPT_RETENTION_DAYS=7):
        call_command("delete_old_transcripts", "--days", "90", stdout=io.StringIO())
    assert not ChatTranscript.objects.exists()
    kept("another-conversation", 3)
    call_command("delete_old_transcripts", "--chat-transcript-days", "2", stdout=io.StringIO())
    assert not ChatTranscript.objects.exists()


# -- the editors' pages -----------------------------------------------------------------------------------------


@pytest.fixture
def feedback_reader(make_user):
    """Someone who reads the feedback dashboard but may not read transcripts."""
    group, _ = Group.objects.get_or_create(name="Dashboard only")
    group.permissions.add(Permission.objects.get(codename="access_admin"),
                          Permission.objects.get(codename="view_feedback_dashboard"))
    return make_user("dashboard-reader", "Dashboard only")


@pytest.fixture
def conversation():
    return ChatTranscript.objects.create(
        sender_id=SENDER, said_no=True, handed_off=True, page_url=PATH,
        turns=[turn("user", "my bin wasn't emptied", 1700000001.0),
               turn("bot", "You can report a missed bin online.\nStart now: /x/", 1700000002.0),
               turn("user", "that's not what i asked <script>alert(1)</script>", 1700000003.0)],
    )


def test_the_groups_that_read_resident_feedback_may_read_transcripts():
    for name in ("Editors", "Moderators", "Service owners"):
        assert Group.objects.get(name=name).permissions.filter(codename="review_chat_transcripts").exists(), name


def test_without_the_permission_nothing_is_shown_and_nothing_is_logged(client, feedback_reader, plain_user,
                                                                       conversation):
    for user in (feedback_reader, plain_user):
        client.force_login(user)
        for url in ("/admin/resident-feedback/chats/", f"/admin/resident-feedback/chats/{conversation.pk}/"):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"not what i asked" not in response.content
    client.force_login(feedback_reader)
    assert client.get("/admin/resident-feedback/").status_code == 200
    assert "Chat transcripts" not in client.get("/admin/").content.decode()  # not in the menu either
    assert not ModelLogEntry.objects.filter(action="feedback.view_chat_transcript").exists()


def test_an_editor_lists_newest_first_and_filters_by_what_happened(client, editor):
    kept("older-conversation", 2, rephrased=True, page_url="javascript:alert(1)")
    kept("newer-conversation", 1, said_no=True, handed_off=True, page_url=PATH,
         turns=[turn("user", "secret words of the resident")])
    client.force_login(editor)
    assert "Chat transcripts" in client.get("/admin/").content.decode()  # the menu item

    html = client.get("/admin/resident-feedback/chats/").content.decode()

    missed_bin = TaskPage.objects.get(**westmere(PATH))
    rows = html[html.index("<tbody>"):]
    assert rows.index(missed_bin.title) < rows.index("Asked again in other words")  # newest first
    assert "Said an answer did not help" in rows and "Handed to a person" in rows
    assert "secret words of the resident" not in html  # reading the words is recorded, so the list shows none
    assert 'href="javascript:' not in html
    assert "All conversations (2)" in html and "Asked again in other words (1)" in html
    filtered = client.get("/admin/resident-feedback/chats/?reason=rephrased").content.decode()
    filtered = filtered[filtered.index("<tbody>"):]
    assert "Asked again in other words" in filtered and missed_bin.title not in filtered
    assert "All conversations (2)" in client.get("/admin/resident-feedback/chats/?reason=<b>").content.decode()
    assert not ModelLogEntry.objects.filter(action="feedback.view_chat_transcript").exists()


def test_the_list_is_paginated(client, editor):
    for i in range(30):
        kept(f"conversation-{i:04d}", i / 100, said_no=True)
    client.force_login(editor)
    first = client.get("/admin/resident-feedback/chats/").content.decode()
    assert first.count("read the conversation") == 25 and "Page 1 of 2" in first
    second = client.get("/admin/resident-feedback/chats/?p=2").content.decode()
    assert second.count("read the conversation") == 5
    assert client.get("/admin/resident-feedback/chats/?p=99").status_code == 200  # the last page


def test_reading_a_transcript_shows_the_turns_in_order_and_is_recorded(client, editor, moderator, conversation):
    client.force_login(editor)

    response = client.get(f"/admin/resident-feedback/chats/{conversation.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    first, second, third = (html.index("my bin wasn&#x27;t emptied"), html.index("You can report a missed bin"),
                            html.index("that&#x27;s not what i asked"))
    assert first < second < third
    assert html.count('class="wm-turn__who">Resident') == 2 and html.count('class="wm-turn__who">Assistant') == 1
    assert "online.<br>Start now" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Said an answer did not help" in html and "Handed to a person" in html
    missed_bin = TaskPage.objects.get(**westmere(PATH))
    assert f'<a href="{PATH}">{missed_bin.title}</a>' in html  # the page the chat started on

    (entry,) = ModelLogEntry.objects.filter(action="feedback.view_chat_transcript")
    assert entry.user == editor and entry.object_id == str(conversation.pk)
    assert entry.label == str(conversation) and "bin" not in entry.label  # no words of the chat in the log
    client.force_login(moderator)
    html = client.get(f"/admin/resident-feedback/chats/{conversation.pk}/").content.decode()
    assert ModelLogEntry.objects.filter(action="feedback.view_chat_transcript").count() == 2
    readers = html[html.index("Who has read it"):]
    assert "moderator" in readers and "editor" in readers
    assert "Read the chat transcript" in client.get("/admin/reports/site-history/").content.decode()
    assert client.get("/admin/resident-feedback/chats/999999/").status_code == 404


@pytest.mark.parametrize("page_url, path", [
    ("/council-tax/", "/council-tax/"), ("/council-tax/?q=band#top", "/council-tax/"),
    ("javascript:alert(1)", ""), ("//evil.example/x", ""), ("/\\evil.example", ""), ("/\t/evil.example", ""),
    ("https://elsewhere.example/a/", ""), ("", ""), ("council-tax", ""),
])
def test_only_a_path_on_this_site_is_linked_or_looked_up(page_url, path):
    from feedback.transcripts import site_path

    assert site_path(page_url) == path


def test_an_administrator_can_give_the_permission_to_another_group(admin_client):
    editors = Group.objects.get(name="Editors")
    html = admin_client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    assert "Can read chat transcripts" in html
