"""The bin collection day form: postcode validation, re-prompt and answer."""

import asyncio

import pytest
import requests
from rasa_sdk.events import ActionExecutionRejected, SlotSet
from responses import matchers

from actions.bin_day import (
    ActionAskPostcode,
    ActionBinDay,
    ValidateBinDayForm,
    is_topic_change,
    normalise_postcode,
)

from conftest import API, make_tracker, only_message

BIN_DAY_URL = f"{API}/api/bot/bin-day/"
PAGE = "/bins-and-recycling/bin-collection-day/"
INVALID = "That doesn't look like a postcode. Please type a postcode like WM1 1AA."
DOMAIN = {
    "forms": {"bin_day_form": {"required_slots": ["postcode"]}},
    "slots": {"postcode": {"type": "text"}},
}


@pytest.mark.parametrize("value,expected", [
    ("WM1 1AA", "WM1 1AA"),
    ("wm11aa", "WM1 1AA"),
    ("  wm1   1aa ", "WM1 1AA"),
    ("sw1a 1aa", "SW1A 1AA"),
    ("M1 1AE", "M1 1AE"),
    ("DN55 1PT", "DN55 1PT"),
    ("my postcode is wm3 2bx thanks", "WM3 2BX"),
    (["WM2 4HT", "WM9 9ZZ"], "WM2 4HT"),
    ("WM1", None),
    ("hello", None),
    ("12345", None),
    ("WM1 1A", None),
    ("", None),
    (None, None),
    ([], None),
])
def test_normalise_postcode(value, expected):
    assert normalise_postcode(value) == expected


def test_validate_accepts_and_formats_a_postcode(dispatcher):
    result = ValidateBinDayForm().validate_postcode("wm1 1aa", dispatcher, make_tracker(), DOMAIN)
    assert result == {"postcode": "WM1 1AA"}
    assert dispatcher.messages == []


def test_validate_rejects_something_else(dispatcher):
    result = ValidateBinDayForm().validate_postcode(
        "next to the church", dispatcher, make_tracker(), DOMAIN)
    assert result == {"postcode": None}


def test_validation_action_run_through_the_sdk(dispatcher):
    tracker = make_tracker(
        "inform_postcode", "wm7 9qp",
        slots={"postcode": "wm7 9qp", "requested_slot": "postcode"},
        events=[
            {"event": "user", "text": "wm7 9qp", "parse_data": {}},
            {"event": "slot", "name": "postcode", "value": "wm7 9qp"},
        ],
        active_loop="bin_day_form",
    )
    events = asyncio.run(ValidateBinDayForm().run(dispatcher, tracker, DOMAIN))
    assert SlotSet("postcode", "WM7 9QP") in events


def test_first_ask(dispatcher):
    ActionAskPostcode().run(dispatcher, make_tracker("bin_collection_day", "bin day"), {})
    message = only_message(dispatcher)
    assert message["text"] == "What is your postcode? For example, WM1 1AA."
    assert message["buttons"] == [{"title": "Stop", "payload": "/stop"}]


def test_re_prompt_after_an_invalid_postcode(dispatcher):
    tracker = make_tracker("inform_postcode", "WM1", slots={"requested_slot": "postcode"})
    ActionAskPostcode().run(dispatcher, tracker, {})
    message = only_message(dispatcher)
    assert message["text"] == INVALID
    assert message["buttons"] == [{"title": "Stop", "payload": "/stop"}]


def test_collection_days_for_a_postcode(api, dispatcher):
    api.get(BIN_DAY_URL, match=[matchers.query_param_matcher({"postcode": "WM1 1AA"})],
            json={"postcode": "WM1 1AA", "url": PAGE, "collections": [
                {"bin": "Rubbish (green bin)", "day": "Tuesday", "next_date": "2026-11-24"},
                {"bin": "Recycling (blue bin)", "day": "Tuesday", "next_date": "2026-12-01"},
            ]})

    events = ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "WM1 1AA"}), {})

    # The postcode is kept for the rest of the conversation.
    assert events == [SlotSet("postcode", "WM1 1AA")]
    message = only_message(dispatcher)
    assert message["text"] == (
        "Bin collections for WM1 1AA:\n"
        "- Rubbish (green bin): Tuesday (next collection Tuesday 24 November 2026)\n"
        "- Recycling (blue bin): Tuesday (next collection Tuesday 1 December 2026)\n"
        f"Find out more, add your bin days to your phone's calendar or get an email reminder: {PAGE}"
    )
    assert message["custom"] == {"links": [{"text": "Find your bin collection day", "url": PAGE}]}


def test_a_postcode_on_two_rounds_gets_each_day_with_its_addresses_never_one_day(api, dispatcher):
    """WM4 6BR: the odd numbers go out on Tuesday, the even ones on Thursday (issue 20)."""
    def round_(day, numbers, rubbish, recycling):
        return {"day": day, "addresses": [{"uprn": str(n), "address": f"{n} Brook Road"} for n in numbers],
                "collections": [{"bin": "Rubbish (green bin)", "day": day, "next_date": rubbish},
                                {"bin": "Recycling (blue bin)", "day": day, "next_date": recycling}]}

    lookup = f"{PAGE}?postcode=WM4+6BR"
    api.get(BIN_DAY_URL, json={
        "postcode": "WM4 6BR", "day": None, "collections": [], "same_for_every_address": False,
        "url": PAGE, "lookup_url": lookup,
        "rounds": [round_("Tuesday", [1, 3, 5, 7, 9, 11], "2026-12-08", "2026-12-15"),
                   round_("Thursday", [2, 4], "2026-12-17", "2026-12-10")],
    })

    events = ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "WM4 6BR"}), {})

    assert events == [SlotSet("postcode", "WM4 6BR")]
    message = only_message(dispatcher)
    assert message["text"] == (
        "Bin collection days at WM4 6BR depend on your address.\n"
        "1 Brook Road, 3 Brook Road, 5 Brook Road and 3 more: Tuesday\n"
        "- Rubbish (green bin): Tuesday (next collection Tuesday 8 December 2026)\n"
        "- Recycling (blue bin): Tuesday (next collection Tuesday 15 December 2026)\n"
        "2 Brook Road and 4 Brook Road: Thursday\n"
        "- Rubbish (green bin): Thursday (next collection Thursday 17 December 2026)\n"
        "- Recycling (blue bin): Thursday (next collection Thursday 10 December 2026)\n"
        f"Pick your address on our website: {lookup}"
    )
    # The link opens the page with this postcode's addresses to pick from.
    assert message["custom"] == {"links": [{"text": "Find your bin collection day", "url": lookup}]}


def test_a_westmere_postcode_with_no_addresses_is_not_called_outside_westmere(api, dispatcher):
    api.get(BIN_DAY_URL, status=404, json={"error": "no_addresses", "message": "No addresses"})
    ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "WM9 9ZZ"}), {})
    text = only_message(dispatcher)["text"]
    assert text.startswith("I can't find any addresses at WM9 9ZZ. Please check the postcode")
    assert "not in the Westmere District Council area" not in text


def test_postcode_outside_the_council_area(api, dispatcher):
    api.get(BIN_DAY_URL, status=404,
            json={"error": "not_in_area", "message": "Not in Westmere"})

    events = ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "SW1A 1AA"}), {})

    assert events == [SlotSet("postcode", None)]
    message = only_message(dispatcher)
    assert message["text"].startswith(
        "SW1A 1AA is not in the Westmere District Council area")
    assert message["text"].endswith(f"Find out more: {PAGE}")
    assert message["custom"]["links"][0]["url"] == PAGE


def test_postcode_outside_the_area_names_the_resident_s_council(api, dispatcher):
    api.get(BIN_DAY_URL, status=404, json={"error": "not_in_area", "message": "That postcode is not in Fellside.",
                                           "council": "Fellside District Council"})

    ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "WM1 1AA"}), {})

    assert only_message(dispatcher)["text"].startswith("WM1 1AA is not in the Fellside District Council area")


def test_api_says_invalid_postcode(api, dispatcher):
    api.get(BIN_DAY_URL, status=400, json={"error": "invalid_postcode", "message": "Bad"})
    ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "WM1 1AA"}), {})
    assert only_message(dispatcher)["text"].startswith(INVALID)


def test_web_api_down(api, dispatcher):
    api.get(BIN_DAY_URL, body=requests.ConnectionError("down"))
    ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "WM1 1AA"}), {})
    message = only_message(dispatcher)
    assert message["text"] == (
        "Sorry, I can't look up collection days just now. You can check on our website: "
        f"{PAGE}\nOr call us on 01632 960000."
    )


def test_no_postcode_in_the_slot(api, dispatcher):
    events = ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": None}), {})
    assert events == [SlotSet("postcode", None)]
    assert only_message(dispatcher)["text"].startswith(INVALID)
    assert len(api.calls) == 0


RESUME = ("Do you still want your bin day? If so, type your postcode, for example WM1 1AA. "
          "If not, choose Stop.")


def _in_form_tracker(intent, text, confidence=0.95):
    return make_tracker(
        intent, text, confidence=confidence,
        slots={"postcode": text, "requested_slot": "postcode"},
        events=[
            {"event": "user", "text": text, "parse_data": {}},
            {"event": "slot", "name": "postcode", "value": text},
        ],
        active_loop="bin_day_form",
    )


def test_a_confident_new_question_rejects_the_form(dispatcher):
    tracker = _in_form_tracker("bulky_waste", "hang on, how do I book a bulky collection")
    events = asyncio.run(ValidateBinDayForm().run(dispatcher, tracker, DOMAIN))
    assert events == [ActionExecutionRejected("bin_day_form")]
    assert dispatcher.messages == []


@pytest.mark.parametrize("intent,text,confidence", [
    ("inform_postcode", "WM1", 0.99),            # an answer, even if a bad one
    ("nlu_fallback", "next to the church", 0.4),  # not understood, but a place: a bad postcode
    ("nlu_fallback", "12 brook rd", 0.4),         # an address
    ("nlu_fallback", "wm11a", 0.4),               # one short word: a postcode with a typo
    ("bulky_waste", "bulky thing", 0.45),         # not sure enough of another topic
    ("bulky_waste", "bulky waste at wm1 1aa", 0.95),  # a postcode is in it
])
def test_answers_to_the_question_are_not_topic_changes(intent, text, confidence):
    assert not is_topic_change(_in_form_tracker(intent, text, confidence))


def test_not_a_topic_change_outside_the_question(dispatcher):
    # Before the form has asked anything (activation), the form runs as usual.
    tracker = make_tracker("bulky_waste", "bulky waste", slots={"postcode": "WM1 1AA"},
                           active_loop="bin_day_form")
    events = asyncio.run(ValidateBinDayForm().run(dispatcher, tracker, DOMAIN))
    assert ActionExecutionRejected("bin_day_form") not in events


def test_ask_again_after_a_topic_change_offers_to_carry_on(dispatcher):
    tracker = make_tracker(
        "bulky_waste", "how do I book a bulky collection",
        slots={"requested_slot": "postcode"},
        events=[
            {"event": "user", "text": "bin day", "parse_data": {}},
            {"event": "action", "name": "bin_day_form"},
            {"event": "user", "text": "how do I book a bulky collection", "parse_data": {}},
            {"event": "action_execution_rejected", "name": "bin_day_form"},
            {"event": "action", "name": "action_answer_from_cms"},
            {"event": "action", "name": "bin_day_form"},
        ],
        active_loop="bin_day_form",
    )
    ActionAskPostcode().run(dispatcher, tracker, {})
    message = only_message(dispatcher)
    assert message["text"] == RESUME
    assert message["buttons"] == [{"title": "Stop", "payload": "/stop"}]


@pytest.mark.parametrize("intent,text", [
    ("nlu_fallback", "actually I need to pay a parking fine"),  # the classifier did not know it: still a question
    ("out_of_scope", "hang on, can you tell me about taxi licences"),
    ("nlu_fallback", "before that, how do I get a visitor permit for my road"),  # a street word in a question
])
def test_a_question_the_classifier_did_not_know_is_a_topic_change_not_a_bad_postcode(intent, text):
    assert is_topic_change(_in_form_tracker(intent, text, 0.4))


def test_small_talk_in_the_form_is_not_a_topic_change():
    assert not is_topic_change(_in_form_tracker("thanks", "ok thanks", 0.99))


def test_an_answer_in_the_middle_of_a_form_goes_back_to_the_form(api, dispatcher):
    from rasa_sdk.events import FollowupAction

    from actions.respond import ActionAnswerFromCms
    from conftest import answer_body

    api.get(f"{API}/api/bot/answer/",
            json=answer_body("/bins-and-recycling/bulky-waste/", "Bulky waste", "task",
                             "A bulky waste collection costs £30."))
    tracker = make_tracker("bulky_waste", "how do I book a bulky collection",
                           slots={"requested_slot": "postcode"}, active_loop="bin_day_form")
    events = ActionAnswerFromCms().run(dispatcher, tracker, {})
    assert events[-1] == FollowupAction("bin_day_form")
    assert "£30" in only_message(dispatcher)["text"]


def test_back_in_the_form_after_the_answer_the_question_is_not_rejected_again(dispatcher):
    tracker = _in_form_tracker("bulky_waste", "how do I book a bulky collection")
    tracker.events.extend([
        {"event": "action_execution_rejected", "name": "bin_day_form"},
        {"event": "action", "name": "action_answer_from_cms"},
    ])
    events = asyncio.run(ValidateBinDayForm().run(dispatcher, tracker, DOMAIN))
    assert events == [SlotSet("postcode", None)]


@pytest.mark.parametrize("intent", ["bin_collection_day", "order_bin", "nlu_fallback"])
def test_dropping_the_form_in_other_words_stops_it_not_a_bad_postcode(dispatcher, intent):
    # "stop" is trained; "never mind the collection day" is not, and the classifier may even name a bin page.
    from rasa_sdk.events import ActiveLoop

    from actions.respond import ActionSearchFallback

    text = "oh never mind the collection day"
    assert is_topic_change(_in_form_tracker(intent, text, 0.45))
    events = ActionSearchFallback().run(dispatcher, _in_form_tracker(intent, text, 0.45), DOMAIN)
    assert events == [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("postcode", None)]
    assert only_message(dispatcher)["response"] == "utter_stopped"


def test_a_disruption_at_the_postcode_comes_first(api, dispatcher):
    api.get(BIN_DAY_URL, json={
        "postcode": "WM4 6BR", "day": "Tuesday", "url": PAGE, "lookup_url": None,
        "collections": [{"bin": "Rubbish (green bin)", "day": "Tuesday", "next_date": "2026-12-08", "every_weeks": 2}],
        "service_updates": [{"title": "Collections suspended in Eastbrook because of snow",
                             "details": "Leave your bin out: we will empty it when the roads are clear.",
                             "ends": "2026-12-09T17:00:00+00:00"}],
    })
    ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "WM4 6BR"}), {})
    lines = only_message(dispatcher)["text"].splitlines()
    assert lines[0] == ("Service update: Collections suspended in Eastbrook because of snow. Leave your bin out: we "
                        "will empty it when the roads are clear.")
    assert lines[1] == "Bin collections for WM4 6BR:"
