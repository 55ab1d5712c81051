"""action_not_helpful: sorry, a search for the question and a person; editors get the question that was
answered wrongly (not "that didn't help")."""

from actions.not_helpful import ActionNotHelpful

from conftest import API, make_tracker, only_message, request_json

UNANSWERED_URL = f"{API}/api/bot/unanswered/"
TALK = {"title": "Talk to a person", "payload": "/request_human"}


def said(text, intent, confidence=0.9):
    return {"event": "user", "text": text,
            "parse_data": {"intent": {"name": intent, "confidence": confidence}}}


def answered(text):
    return {"event": "bot", "text": text}


def test_the_question_that_got_the_wrong_answer_goes_to_editors(api, dispatcher):
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    events = [
        said("hello", "greet"),
        answered("Hello, I'm Westmere District Council's automated assistant."),
        said("my recycling has sat outside since tuesday", "report_missed_bin", 0.81),
        answered("You can report a missed bin online."),
        said("that's not what i asked", "not_helpful"),
    ]
    tracker = make_tracker("not_helpful", "that's not what i asked", events=events,
                           metadata={"page": "/bins-and-recycling/"})

    assert ActionNotHelpful().run(dispatcher, tracker, {}) == []

    assert request_json(api.calls[0]) == {
        "sender_id": "resident-1",
        "text": "my recycling has sat outside since tuesday",
        "intent": "not_helpful:report_missed_bin",
        "confidence": 0.81,
        "page_url": "/bins-and-recycling/",
    }
    message = only_message(dispatcher)
    search = "/search/?q=my+recycling+has+sat+outside+since+tuesday"
    assert message["text"] == (
        "Sorry that didn't help. I've passed your question to our web team so they can improve my answers. "
        "You could ask in a different way, search our website, or talk to a person."
    )
    assert message["buttons"] == [TALK]
    assert message["custom"] == {"links": [{"text": "Search the website", "url": search}]}


def test_button_presses_and_small_talk_are_not_passed_on_as_questions(api, dispatcher):
    events = [
        said("hi", "greet"),
        said("/pay_council_tax", "pay_council_tax", 1.0),
        said("thanks", "thanks"),
        said("useless", "not_helpful"),
    ]
    tracker = make_tracker("not_helpful", "useless", events=events)

    ActionNotHelpful().run(dispatcher, tracker, {})

    assert len(api.calls) == 0  # nothing an editor could teach from
    message = only_message(dispatcher)
    assert message["text"].startswith("Sorry that didn't help. You could ask in a different way")
    assert message["buttons"] == [TALK]


def test_the_answer_still_comes_when_the_web_app_is_down(api, dispatcher):
    api.post(UNANSWERED_URL, status=503)
    events = [said("how do i get rid of a sofa", "bulky_waste"), said("that didn't help", "not_helpful")]

    ActionNotHelpful().run(dispatcher, make_tracker("not_helpful", "that didn't help", events=events), {})

    assert "Sorry that didn't help." in only_message(dispatcher)["text"]


def test_wrong_in_a_first_message_is_a_question_not_a_verdict_on_an_answer(api, dispatcher):
    # "my house is in the wrong band" can look like "that's wrong"; with nothing answered yet it is
    # handled as a question the assistant did not understand: search results, a person, logged for editors.
    api.get(f"{API}/api/search/", json={"query": "x", "count": 1, "results": [
        {"title": "Council Tax bands and charges", "url": "/council-tax/bands-and-charges/", "summary": "..."}]})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    events = [said("hello", "greet"), said("my house is in the wrong band", "not_helpful", 0.67)]
    tracker = make_tracker("not_helpful", "my house is in the wrong band", confidence=0.67, events=events)

    ActionNotHelpful().run(dispatcher, tracker, {})

    message = only_message(dispatcher)
    assert "Sorry that didn't help" not in message["text"]
    assert "Council Tax bands and charges: /council-tax/bands-and-charges/" in message["text"]
    logged = request_json(next(call for call in api.calls if call.request.url == UNANSWERED_URL))
    assert logged["text"] == "my house is in the wrong band"


def test_the_no_button_with_nothing_asked_before_says_sorry_without_searching_for_the_payload(api, dispatcher):
    tracker = make_tracker("not_helpful", "/not_helpful", events=[said("/not_helpful", "not_helpful", 1.0)])

    ActionNotHelpful().run(dispatcher, tracker, {})

    assert len(api.calls) == 0
    assert only_message(dispatcher)["text"].startswith("Sorry that didn't help. You could ask in a different way")
