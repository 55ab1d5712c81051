"""action_handoff: posts request + transcript, says what happens next."""

import requests
from rasa_sdk.events import ConversationPaused, SlotSet

from actions.handoff import ActionHandoff

from conftest import API, make_tracker, only_message, request_json, tracker_from_fixture

HANDOFF_URL = f"{API}/api/bot/handoff/"
COUNCIL_URL = f"{API}/api/bot/council/"

CREATED = {
    "reference": "HO-20261123-0042",
    "status": "waiting",
    "message": "A member of our customer service team will join this chat soon.",
    "phone": "01632 960000",
    "opening_hours": "Monday to Friday, 9am to 5pm",
}


def test_posts_sender_topic_page_and_transcript(api, dispatcher):
    api.post(HANDOFF_URL, status=201, json=CREATED)
    tracker = tracker_from_fixture("tracker_handoff.json")

    events = ActionHandoff().run(dispatcher, tracker, {})

    # "waiting": a person takes over, so the bot pauses until the web app resumes it.
    assert events == [SlotSet("handoff_status", "requested"), ConversationPaused()]
    payload = request_json(api.calls[0])
    assert payload == {
        "sender_id": "resident-42",
        "topic": "report_missed_bin",
        "page_url": "/bins-and-recycling/",
        "transcript": [
            {"sender": "user", "text": "my bin wasn't emptied", "timestamp": 1700000001.0},
            {"sender": "bot",
             "text": "Tell us within 2 working days.\n"
                     "Start now: /bins-and-recycling/report-a-missed-bin/start/\n"
                     "Find out more: /bins-and-recycling/report-a-missed-bin/",
             "timestamp": 1700000001.2},
            {"sender": "user", "text": "/request_human", "timestamp": 1700000005.0},
        ],
    }


def test_tells_the_resident_what_happens_next(api, dispatcher):
    api.post(HANDOFF_URL, status=201, json=CREATED)

    ActionHandoff().run(dispatcher, tracker_from_fixture("tracker_handoff.json"), {})

    message = only_message(dispatcher)
    assert message["text"] == (
        "A member of our customer service team will join this chat soon.\n"
        "Your reference is HO-20261123-0042.\n"
        "If you would rather phone, call 01632 960000 (Monday to Friday, 9am to 5pm)."
    )
    assert message["custom"] == {
        "links": [{"text": "Contact us", "url": "/contact-us/"}],
        "handoff": {"reference": "HO-20261123-0042", "status": "waiting"},
    }


def test_out_of_hours_offers_a_call_back_and_does_not_pause(api, dispatcher):
    api.post(HANDOFF_URL, status=201, json=dict(
        CREATED, status="out_of_hours",
        message="We're closed now. We'll reply by email on the next working day.",
        callback_url="/contact-us/call-back/?ref=HO-20261123-0042"))

    events = ActionHandoff().run(
        dispatcher, make_tracker("request_human", "a person please"), {})

    assert events == [SlotSet("handoff_status", "requested")]
    message = only_message(dispatcher)
    assert message["text"].startswith("We're closed now.")
    assert message["custom"] == {
        "links": [
            {"text": "Ask us to call or email you back",
             "url": "/contact-us/call-back/?ref=HO-20261123-0042"},
            {"text": "Contact us", "url": "/contact-us/"},
        ],
        "handoff": {"reference": "HO-20261123-0042", "status": "out_of_hours"},
    }


def test_page_from_latest_message_metadata(api, dispatcher):
    api.post(HANDOFF_URL, status=201, json=CREATED)
    tracker = make_tracker("request_human", "talk to a human",
                           metadata={"page": "/council-tax/pay/"})
    ActionHandoff().run(dispatcher, tracker, {})
    payload = request_json(api.calls[0])
    assert payload["page_url"] == "/council-tax/pay/"
    assert payload["topic"] == "general"
    assert payload["transcript"] == []


def test_missing_phone_falls_back_to_the_council_endpoint(api, dispatcher):
    api.post(HANDOFF_URL, status=201,
             json={"reference": "HO-1", "status": "waiting", "message": "Someone will join."})
    api.get(COUNCIL_URL, json={
        "name": "Westmere District Council", "phone": "01632 960001",
        "out_of_hours_phone": "01632 960999", "opening_hours": "Weekdays 8am to 6pm",
        "contact_url": "/contact-us/", "open_now": True})

    ActionHandoff().run(dispatcher, make_tracker("request_human", "person"), {})

    assert only_message(dispatcher)["text"] == (
        "Someone will join.\nYour reference is HO-1.\n"
        "If you would rather phone, call 01632 960001 (Weekdays 8am to 6pm)."
    )


def test_web_api_down_sets_unavailable_for_the_phone_number_rule(api, dispatcher):
    api.post(HANDOFF_URL, body=requests.ConnectionError("down"))

    events = ActionHandoff().run(dispatcher, make_tracker("request_human", "person"), {})

    # No text here: the rule answers with utter_handoff_unavailable from domain.yml.
    assert events == [SlotSet("handoff_status", "unavailable")]
    assert dispatcher.messages == []


def test_handoff_server_error_is_unavailable_too(api, dispatcher):
    api.post(HANDOFF_URL, status=500, json={"error": "boom"})
    events = ActionHandoff().run(dispatcher, make_tracker("request_human", "person"), {})
    assert events == [SlotSet("handoff_status", "unavailable")]


def test_domain_has_the_hard_fallback_text():
    import yaml

    from conftest import BOT_DIR

    domain = yaml.safe_load((BOT_DIR / "domain.yml").read_text())
    text = domain["responses"]["utter_handoff_unavailable"][0]["text"]
    # The export fills the council's numbers in from its contact settings (tests/cms_pages).
    assert "{{council_phone}}" in text and "01632" not in text


def test_web_app_message_with_reference_and_phone_is_not_repeated(api, dispatcher):
    # The wording the web app sends while the team is working.
    api.post(HANDOFF_URL, status=201, json={
        "reference": "HO-7", "status": "waiting",
        "message": "I've asked a member of our customer service team to join this chat "
                   "(reference HO-7). Please stay on this page. If nobody replies in a few "
                   "minutes, call us on 01632 960000.",
        "phone": "01632 960000", "opening_hours": "Monday to Friday, 9am to 5pm"})

    ActionHandoff().run(dispatcher, make_tracker("request_human", "person"), {})

    text = only_message(dispatcher)["text"]
    assert text.count("HO-7") == 1
    assert text.count("01632 960000") == 1
    assert text.endswith("Our opening hours are Monday to Friday, 9am to 5pm.")


def test_a_question_from_a_shared_link_asks_before_handing_over(api, dispatcher):
    """`/?ask=talk to a person` posted on social media must not put every reader in the live-chat queue."""
    tracker = make_tracker("request_human", "talk to a person", metadata={"page": "/", "from_link": True})

    events = ActionHandoff().run(dispatcher, tracker, {})

    assert len(api.calls) == 0  # nothing created
    message = only_message(dispatcher)
    assert "talk to a person" in message["text"]
    assert message["buttons"] == [{"title": "Talk to a person", "payload": "/request_human"}]
    assert events == [SlotSet("handoff_status", "requested")]
