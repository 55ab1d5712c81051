"""Conversations that went wrong are sent to the web app for editors to read (POST /api/bot/transcript/):
"said_no" from action_not_helpful, "handed_off" from action_handoff. Failing to send never stops the reply."""

import logging

import pytest
import requests
from responses import matchers

from actions.api.cms import CmsClient
from actions.handoff import ActionHandoff
from actions.not_helpful import ActionNotHelpful
from actions.transcripts import record_transcript

from conftest import API, make_tracker, only_message, request_json, tracker_from_fixture

TRANSCRIPT_URL = f"{API}/api/bot/transcript/"
UNANSWERED_URL = f"{API}/api/bot/unanswered/"
HANDOFF_URL = f"{API}/api/bot/handoff/"
CREATED = {"reference": "HO-7", "status": "waiting", "message": "Someone will join (reference HO-7).",
           "phone": "01632 960000", "opening_hours": "Monday to Friday, 9am to 5pm"}


def said(text, intent, timestamp, page=None):
    return {"event": "user", "text": text, "timestamp": timestamp, "metadata": {"page": page} if page else {},
            "parse_data": {"intent": {"name": intent, "confidence": 0.9}}}


def answered(text, timestamp):
    return {"event": "bot", "text": text, "timestamp": timestamp}


def transcript_calls(api):
    return [request_json(call) for call in api.calls if call.request.url == TRANSCRIPT_URL]


def test_the_client_posts_the_transcript_with_the_token(api):
    api.post(TRANSCRIPT_URL, status=201, json={"ok": True, "turns": 1},
             match=[matchers.header_matcher({"Authorization": "Bearer s3cret"})])
    client = CmsClient(base_url=API, timeout=1, token="s3cret")
    assert client.transcript({"sender_id": "resident-1", "reason": "said_no", "transcript": []}) == {
        "ok": True, "turns": 1}


def test_record_transcript_sends_the_conversation_the_reason_and_the_page(api):
    api.post(TRANSCRIPT_URL, status=201, json={"ok": True, "turns": 2})
    events = [said("my bin wasn't emptied", "report_missed_bin", 1700000001.0, page="/bins-and-recycling/"),
              answered("You can report a missed bin online.", 1700000001.5)]
    tracker = make_tracker("report_missed_bin", "my bin wasn't emptied", events=events, sender_id="resident-42")

    assert record_transcript(tracker, "rephrased") is True

    assert transcript_calls(api) == [{
        "sender_id": "resident-42",
        "reason": "rephrased",
        "transcript": [
            {"sender": "user", "text": "my bin wasn't emptied", "timestamp": 1700000001.0},
            {"sender": "bot", "text": "You can report a missed bin online.", "timestamp": 1700000001.5},
        ],
        "page_url": "/bins-and-recycling/",
    }]


@pytest.mark.parametrize("failure", [{"status": 503}, {"status": 400, "json": {"error": "bad_request"}},
                                     {"body": requests.ConnectionError("down")}])
def test_record_transcript_swallows_a_web_app_failure_with_a_warning(api, caplog, failure):
    api.post(TRANSCRIPT_URL, **failure)
    with caplog.at_level(logging.WARNING, logger="actions.transcripts"):
        assert record_transcript(make_tracker("greet", "hi"), "handed_off") is False
    assert "Could not keep the chat transcript (handed_off)" in caplog.text


def test_an_unknown_reason_is_a_programming_error():
    with pytest.raises(ValueError):
        record_transcript(make_tracker("greet", "hi"), "bored")


def test_saying_an_answer_did_not_help_keeps_the_transcript_after_the_question(api, dispatcher):
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    api.post(TRANSCRIPT_URL, status=201, json={"ok": True, "turns": 3})
    events = [said("my recycling has sat outside since tuesday", "report_missed_bin", 1.0, page="/bins-and-recycling/"),
              answered("You can report a missed bin online.", 2.0),
              said("that's not what i asked", "not_helpful", 3.0)]
    tracker = make_tracker("not_helpful", "that's not what i asked", events=events)

    ActionNotHelpful().run(dispatcher, tracker, {})

    assert [call.request.url for call in api.calls] == [UNANSWERED_URL, TRANSCRIPT_URL]
    (sent,) = transcript_calls(api)
    assert sent["reason"] == "said_no" and sent["sender_id"] == "resident-1"
    assert [turn["text"] for turn in sent["transcript"]] == [
        "my recycling has sat outside since tuesday", "You can report a missed bin online.", "that's not what i asked"]
    assert sent["page_url"] == "/bins-and-recycling/"
    assert "Sorry that didn't help." in only_message(dispatcher)["text"]


def test_the_reply_still_comes_when_the_transcript_cannot_be_kept(api, dispatcher):
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    api.post(TRANSCRIPT_URL, body=requests.ConnectionError("down"))
    events = [said("how do i get rid of a sofa", "bulky_waste", 1.0), said("that didn't help", "not_helpful", 2.0)]

    ActionNotHelpful().run(dispatcher, make_tracker("not_helpful", "that didn't help", events=events), {})

    assert "Sorry that didn't help." in only_message(dispatcher)["text"]


def test_no_transcript_when_nothing_was_typed_before_the_no(api, dispatcher):
    tracker = make_tracker("not_helpful", "/not_helpful", events=[said("/not_helpful", "not_helpful", 1.0)])

    ActionNotHelpful().run(dispatcher, tracker, {})

    assert transcript_calls(api) == []


def test_a_handoff_keeps_the_transcript_after_the_request(api, dispatcher):
    api.post(HANDOFF_URL, status=201, json=CREATED)
    api.post(TRANSCRIPT_URL, status=201, json={"ok": True, "turns": 3})

    ActionHandoff().run(dispatcher, tracker_from_fixture("tracker_handoff.json"), {})

    assert [call.request.url for call in api.calls] == [HANDOFF_URL, TRANSCRIPT_URL]
    (sent,) = transcript_calls(api)
    assert sent["reason"] == "handed_off" and sent["sender_id"] == "resident-42"
    assert sent["transcript"] == request_json(api.calls[0])["transcript"]
    assert sent["page_url"] == "/bins-and-recycling/"
    assert "reference HO-7" in only_message(dispatcher)["text"]


def test_no_transcript_when_the_handoff_failed_or_came_from_a_shared_link(api, dispatcher):
    api.post(HANDOFF_URL, status=500, json={"error": "boom"})
    ActionHandoff().run(dispatcher, make_tracker("request_human", "person"), {})
    shared = make_tracker("request_human", "talk to a person", metadata={"page": "/", "from_link": True})
    ActionHandoff().run(dispatcher, shared, {})

    assert transcript_calls(api) == []


def test_a_pressed_button_reads_as_the_words_on_it(api, dispatcher):
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    api.post(TRANSCRIPT_URL, status=201, json={"ok": True, "turns": 5})
    offer = {"event": "bot", "text": "Did you mean one of these?", "timestamp": 2.0,
             "data": {"buttons": [{"title": "Council Tax Support", "payload": "/council_tax_support"}]}}
    events = [said("money is tight", "nlu_fallback", 1.0), offer,
              said("/council_tax_support", "council_tax_support", 3.0),
              answered("Council Tax Support lowers your bill.", 4.0),
              said("/not_helpful", "not_helpful", 5.0)]
    tracker = make_tracker("not_helpful", "/not_helpful", events=events)

    ActionNotHelpful().run(dispatcher, tracker, {})

    (sent,) = transcript_calls(api)
    assert [turn["text"] for turn in sent["transcript"]] == [
        "money is tight", "Did you mean one of these?", "Council Tax Support (pressed a button)",
        "Council Tax Support lowers your bill.", "No, that didn't help (pressed a button)"]
