"""action_search_fallback: top 3 search results, unanswered question logged, a person."""

import json
import pytest
import requests
from responses import matchers

from rasa_sdk.events import SlotSet

from actions.respond import ActionSearchFallback

from conftest import API, FIXTURES, make_tracker, only_message, request_json

SEARCH_URL = f"{API}/api/search/"
UNANSWERED_URL = f"{API}/api/bot/unanswered/"
KNOWLEDGE_URL = f"{API}/api/bot/knowledge/"
TALK = {"title": "Talk to a person", "payload": "/request_human"}

RANKING = [
    {"name": "nlu_fallback", "confidence": 0.6},
    {"name": "report_noise", "confidence": 0.31},
    {"name": "report_dog_fouling", "confidence": 0.2},
]


def fallback_tracker(text="my hedge is blocking the footpath", page="/environment/"):
    return make_tracker("nlu_fallback", text, confidence=0.6, ranking=RANKING,
                        metadata={"page": page} if page else None)


def test_offers_top_three_results_as_links_and_a_person(api, dispatcher):
    api.get(SEARCH_URL,
            match=[matchers.query_param_matcher(
                {"q": "my hedge is blocking the footpath", "limit": "3"})],
            json={"query": "my hedge is blocking the footpath", "count": 12, "results": [
                {"title": "Report a pothole or road problem",
                 "url": "/parking-and-roads/report-a-pothole/", "summary": "..."},
                {"title": "Report fly-tipping", "url": "/environment/report-fly-tipping/",
                 "summary": "..."},
                {"title": "Report a noise problem", "url": "/environment/report-noise/",
                 "summary": "..."},
                {"title": "Fourth", "url": "/fourth/", "summary": "..."},
            ]})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})

    events = ActionSearchFallback().run(dispatcher, fallback_tracker(), {})

    assert events == []
    message = only_message(dispatcher)
    assert message["text"] == (
        "Sorry, I'm not sure I understood. These pages might help, or you can talk to a person:\n"
        "- Report a pothole or road problem: /parking-and-roads/report-a-pothole/\n"
        "- Report fly-tipping: /environment/report-fly-tipping/\n"
        "- Report a noise problem: /environment/report-noise/"
    )
    assert message["custom"] == {"links": [
        {"text": "Report a pothole or road problem", "url": "/parking-and-roads/report-a-pothole/"},
        {"text": "Report fly-tipping", "url": "/environment/report-fly-tipping/"},
        {"text": "Report a noise problem", "url": "/environment/report-noise/"},
    ]}
    assert message["buttons"] == [TALK]


def test_records_the_unanswered_question(api, dispatcher):
    api.get(SEARCH_URL, json={"query": "x", "count": 0, "results": []})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})

    ActionSearchFallback().run(dispatcher, fallback_tracker(), {})

    posted = [c for c in api.calls if c.request.url == UNANSWERED_URL]
    assert len(posted) == 1
    assert request_json(posted[0]) == {
        "sender_id": "resident-1",
        "text": "my hedge is blocking the footpath",
        "intent": "nlu_fallback",
        "confidence": 0.31,
        "page_url": "/environment/",
    }


def test_no_results_offers_site_search_and_a_person(api, dispatcher):
    api.get(SEARCH_URL, json={"query": "zzz", "count": 0, "results": []})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})

    ActionSearchFallback().run(dispatcher, fallback_tracker("zzz qqq", page=None), {})

    message = only_message(dispatcher)
    assert message["text"] == (
        "Sorry, I didn't understand that. Try asking in a different way, or search our "
        "website: /search/?q=zzz+qqq\nOr you can talk to a person."
    )
    assert message["buttons"] == [TALK]
    assert message["custom"] == {"links": [
        {"text": "Search the website", "url": "/search/?q=zzz+qqq"}]}
    posted = [c for c in api.calls if c.request.url == UNANSWERED_URL]
    assert request_json(posted[0])["page_url"] == ""


def test_web_api_down_still_replies_with_a_person(api, dispatcher):
    api.get(SEARCH_URL, body=requests.ConnectionError("down"))
    api.post(UNANSWERED_URL, body=requests.ConnectionError("down"))

    events = ActionSearchFallback().run(dispatcher, fallback_tracker("blah"), {})

    assert events == []
    message = only_message(dispatcher)
    assert message["text"].startswith("Sorry, I didn't understand that.")
    assert message["buttons"] == [TALK]


@pytest.mark.parametrize("text", [
    "he keeps hitting me",
    "I think about suicide a lot",
    "my dad is violent",
    "I'm not safe here",
    "thinking of ending it all tbh",
    "i wish i was dead",
    "there is no reason to live",
    "someone keeps stalking me",
    "i have been cutting myself again",
    "i was assaulted last night",
])
def test_risk_words_get_the_urgent_response_not_search(api, dispatcher, text):
    api.get(SEARCH_URL, json={"query": text, "count": 0, "results": []})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})

    ActionSearchFallback().run(dispatcher, fallback_tracker(text), {})

    message = only_message(dispatcher)
    assert message["response"] == "utter_risk_of_harm"
    # still recorded, so editors see what the bot missed
    assert any(c.request.url == UNANSWERED_URL for c in api.calls)


def test_ordinary_words_are_not_mistaken_for_risk(api, dispatcher):
    api.get(SEARCH_URL, json={"query": "x", "count": 0, "results": []})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    ActionSearchFallback().run(dispatcher, fallback_tracker("hedge hitting the lamp post"), {})
    assert only_message(dispatcher)["response"] is None


def test_risk_of_harm_response_has_999_and_a_person():
    import yaml

    from conftest import BOT_DIR

    domain = yaml.safe_load((BOT_DIR / "domain.yml").read_text())
    response = domain["responses"]["utter_risk_of_harm"][0]
    # The council's numbers are filled in from its contact settings by the export (tests/cms_pages).
    assert "999" in response["text"] and "{{council_phone}}" in response["text"]
    assert "{{council_out_of_hours_phone}}" in response["text"] and "01632" not in response["text"]
    assert response["buttons"] == [{"title": "Talk to a person", "payload": "/request_human"}]


PAGES_URL = f"{API}/api/bot/pages/"
PAGES = {"pages": [
    {"key": "report_noise", "title": "Report a noise problem", "url": "/environment/report-noise/", "kind": "report"},
    {"key": "report_dog_fouling", "title": "Report dog fouling", "url": "/environment/report-dog-fouling/",
     "kind": "report"},
]}


def test_half_recognised_pages_are_offered_as_did_you_mean_buttons(api, dispatcher):
    api.get(KNOWLEDGE_URL, json=json.loads((FIXTURES / "knowledge.json").read_text()))
    # The site search does not settle it (when it names one of the guesses, that page is answered).
    api.get(SEARCH_URL, json={"query": "x", "count": 3, "results": [
        {"title": "Report a pothole or road problem", "url": "/parking-and-roads/report-a-pothole/",
         "summary": "..."},
    ]})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.6},
        {"name": "pay_council_tax", "confidence": 0.41},
        {"name": "council_tax_support", "confidence": 0.38},
    ]
    tracker = make_tracker("nlu_fallback", "paying it", confidence=0.6, ranking=ranking)
    # Pages the assistant was trained on are asked by their intent; one taught since, by its title.
    domain = {"intents": ["pay_council_tax", "greet"]}

    events = ActionSearchFallback().run(dispatcher, tracker, domain)

    guesses, others = dispatcher.messages
    assert guesses["text"] == "I want to be sure I send you to the right page. Did you mean one of these?"
    assert guesses["buttons"] == [
        {"title": "Pay your Council Tax", "payload": "/pay_council_tax"},
        {"title": "Council Tax Support", "payload": "Council Tax Support"},
    ]
    assert others["text"] == (
        "These pages might also help, or you can talk to a person:\n"
        "- Report a pothole or road problem: /parking-and-roads/report-a-pothole/"
    )
    assert others["buttons"] == [TALK]
    # The pages offered are what a follow-up is about.
    assert SlotSet("topic", "pay_council_tax") in events
    assert SlotSet("topic_options", ["council_tax_support"]) in events

def test_a_weak_guess_the_search_does_not_back_up_is_not_offered(api, dispatcher):
    # "there are rats in my garden": business_rates at 0.48, and no search result for it.
    api.get(PAGES_URL, json={"pages": [
        {"key": "business_rates", "title": "Business rates", "url": "/business/business-rates/", "kind": "info"}]})
    api.get(SEARCH_URL, json={"query": "x", "count": 1, "results": [
        {"title": "Garden waste collections", "url": "/bins-and-recycling/garden-waste/", "summary": "..."}]})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    ranking = [{"name": "nlu_fallback", "confidence": 0.6}, {"name": "business_rates", "confidence": 0.48}]
    tracker = make_tracker("nlu_fallback", "there are rats in my garden", confidence=0.6, ranking=ranking)

    ActionSearchFallback().run(dispatcher, tracker, {})

    message = only_message(dispatcher)
    assert "Did you mean" not in message["text"]
    assert message["buttons"] == [TALK]


def test_the_bots_own_intents_and_weak_guesses_are_not_offered(api, dispatcher):
    api.get(PAGES_URL, json=PAGES)
    api.get(SEARCH_URL, json={"query": "x", "count": 0, "results": []})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.6},
        {"name": "greet", "confidence": 0.5},  # not a page
        {"name": "report_noise", "confidence": 0.2},  # too unsure
    ]
    tracker = make_tracker("nlu_fallback", "hiya noise", confidence=0.6, ranking=ranking)

    ActionSearchFallback().run(dispatcher, tracker, {})

    message = only_message(dispatcher)
    assert message["text"].startswith("Sorry, I didn't understand that.")
    assert message["buttons"] == [TALK]


def test_not_understood_twice_hands_over_to_a_person_and_keeps_the_conversation_for_editors(api, dispatcher):
    from rasa_sdk.events import FollowupAction

    api.get(SEARCH_URL, json={"query": "x", "count": 0, "results": []})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    api.post(f"{API}/api/bot/transcript/", status=201, json={"ok": True})
    events = [
        {"event": "user", "text": "gribble flange", "parse_data": {"intent": {"name": "nlu_fallback"}}},
        {"event": "action", "name": "action_search_fallback"},
        {"event": "bot", "text": "Sorry, I didn't understand that. Try asking in a different way"},
        {"event": "user", "text": "wibble wobble", "parse_data": {"intent": {"name": "nlu_fallback"}}},
    ]
    tracker = make_tracker("nlu_fallback", "wibble wobble", confidence=0.6, events=events)

    assert ActionSearchFallback().run(dispatcher, tracker, {}) == [FollowupAction("action_handoff")]
    assert dispatcher.messages == []  # the handoff says what happens next
    kept = [call for call in api.calls if call.request.url.endswith("/api/bot/transcript/")]
    assert request_json(kept[0])["reason"] == "rephrased"


def test_a_choice_is_not_a_failure_so_the_next_unclear_message_is_not_handed_over(api, dispatcher):
    api.get(SEARCH_URL, json={"query": "x", "count": 0, "results": []})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    events = [
        {"event": "user", "text": "council tax thing", "parse_data": {"intent": {"name": "nlu_fallback"}}},
        {"event": "bot", "text": "I want to be sure I send you to the right page. Did you mean one of these?"},
        {"event": "user", "text": "wibble wobble", "parse_data": {"intent": {"name": "nlu_fallback"}}},
    ]
    tracker = make_tracker("nlu_fallback", "wibble wobble", confidence=0.6, events=events)

    assert ActionSearchFallback().run(dispatcher, tracker, {}) == []
    assert only_message(dispatcher)["text"].startswith("Sorry, I didn't understand that.")


def test_a_message_the_pages_words_put_on_the_bin_day_starts_the_bin_day_form(api, dispatcher):
    from rasa_sdk.events import FollowupAction

    api.get(KNOWLEDGE_URL, json=json.loads((FIXTURES / "knowledge.json").read_text()))
    api.get(SEARCH_URL, json={"query": "x", "count": 1, "results": [
        {"title": "Find your bin collection day", "url": "/bins-and-recycling/bin-collection-day/"}]})
    api.post(UNANSWERED_URL, status=201, json={"ok": True})
    ranking = [{"name": "nlu_fallback", "confidence": 0.6}, {"name": "bin_collection_day", "confidence": 0.4}]
    tracker = make_tracker("nlu_fallback", "which day do the bins go out round here", confidence=0.6,
                           ranking=ranking)

    assert ActionSearchFallback().run(dispatcher, tracker, {}) == [FollowupAction("bin_day_form")]
    assert dispatcher.messages == []  # the form asks for the postcode


def _bin_day_question(text, confidence=0.88):
    ranking = [{"name": "bin_collection_day", "confidence": confidence},
               {"name": "report_missed_bin", "confidence": 0.05}]
    return make_tracker("bin_collection_day", text, confidence=confidence, ranking=ranking)


def test_a_bin_day_question_the_words_and_meaning_read_as_a_missed_bin_is_answered_as_one(api, dispatcher):
    # The classifier is sure of the bin day; the pages' words and their meaning both read a missed bin.
    from rasa_sdk.events import FollowupAction

    from actions.respond import ActionCheckBinDay
    from conftest import answer_body

    api.get(KNOWLEDGE_URL, json=json.loads((FIXTURES / "knowledge.json").read_text()))
    api.get(f"{API}/api/bot/answer/", json=answer_body(
        "/bins-and-recycling/report-a-missed-bin/", "Report a missed bin", "report",
        "Tell us if your bin was not emptied on your collection day."))
    events = ActionCheckBinDay().run(dispatcher, _bin_day_question("they didn't empty my food waste bin"),
                                     {"intents": ["bin_collection_day", "report_missed_bin"]})
    assert events[-1] == FollowupAction("action_listen")  # not the form
    assert "/bins-and-recycling/report-a-missed-bin/" in json.dumps(dispatcher.messages)


def test_a_bin_day_question_goes_on_to_the_form(api, dispatcher):
    from actions.respond import ActionCheckBinDay

    api.get(KNOWLEDGE_URL, json=json.loads((FIXTURES / "knowledge.json").read_text()))
    events = ActionCheckBinDay().run(dispatcher, _bin_day_question("which bin goes out this week", 0.97),
                                     {"intents": ["bin_collection_day", "report_missed_bin"]})
    assert events == [] and dispatcher.messages == []  # the rule starts the form, which asks the postcode


def test_a_follow_up_gets_what_the_topic_page_says_about_it(api, dispatcher):
    """"do you still empty them over the winter?" after the garden waste answer got that answer again, led by
    "Our page on this covers that.", which the page did not say it did."""
    from conftest import answer_body
    from test_meaning import GARDEN_WASTE_SAYS, pages_saying

    api.get(KNOWLEDGE_URL, json={"pages": pages_saying("garden_waste", GARDEN_WASTE_SAYS)})
    api.get(f"{API}/api/bot/answer/", json={**answer_body(
        "/bins-and-recycling/garden-waste/", "Garden waste collections", "pay",
        "Garden waste collections cost £52 a year for each brown bin.",
        start_url="/bins-and-recycling/garden-waste/start/"), "key": "garden_waste"})
    text = "do you still empty them over the winter?"
    tracker = make_tracker("nlu_fallback", text, confidence=0.6, ranking=RANKING, slots={"topic": "garden_waste"})

    ActionSearchFallback().run(dispatcher, tracker, {"intents": ["garden_waste"]})

    reply = only_message(dispatcher)["text"]
    assert reply.startswith("Our page on this says:\nIn December, January and February we empty them once a month.")
    assert "£52" not in reply and "Start now: /bins-and-recycling/garden-waste/start/" in reply


def test_a_question_the_classifier_puts_on_the_page_already_answered_gets_what_it_says(api, dispatcher):
    """The classifier is sure of the page the conversation is on: a question about one thing on it is answered
    with that, and asking for the page again with its answer."""
    from actions.respond import ActionAnswerFromCms
    from conftest import answer_body
    from test_meaning import GARDEN_WASTE_SAYS, pages_saying

    api.get(KNOWLEDGE_URL, json={"pages": pages_saying("garden_waste", GARDEN_WASTE_SAYS)})
    api.get(f"{API}/api/bot/answer/", json={**answer_body(
        "/bins-and-recycling/garden-waste/", "Garden waste collections", "pay",
        "Garden waste collections cost £52 a year for each brown bin."), "key": "garden_waste"})
    ranking = [{"name": "garden_waste", "confidence": 0.93}, {"name": "bulky_waste", "confidence": 0.02}]
    domain = {"intents": ["garden_waste", "bulky_waste"]}
    for text, said in [("do you still empty them over the winter?", "once a month"),
                       ("how do I get a brown bin", "£52 a year")]:
        dispatcher.messages.clear()
        tracker = make_tracker("garden_waste", text, confidence=0.93, ranking=ranking, slots={"topic": "garden_waste"})
        ActionAnswerFromCms().run(dispatcher, tracker, domain)
        assert said in only_message(dispatcher)["text"], text


def test_the_same_question_about_another_thing_does_not_claim_the_page_covers_it(api, dispatcher):
    """"and for a garage?" after the parking permit: the page's answer again, which may not cover garages, was
    led by "Our page on this covers that too."."""
    from conftest import answer_body

    api.get(KNOWLEDGE_URL, json=json.loads((FIXTURES / "knowledge.json").read_text()))
    api.get(f"{API}/api/bot/answer/", json={**answer_body(
        "/parking/residents-parking-permit/", "Apply for a residents' parking permit", "apply",
        "A permit costs £40 a year."), "key": "parking_permit"})
    tracker = make_tracker("nlu_fallback", "what about for a garage?", confidence=0.6, ranking=RANKING,
                           slots={"topic": "parking_permit"})

    ActionSearchFallback().run(dispatcher, tracker, {"intents": ["parking_permit"]})

    reply = only_message(dispatcher)["text"]
    assert reply.startswith("This is what our page on this says.\nA permit costs £40 a year."), reply
