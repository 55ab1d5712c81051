"""action_answer_from_cms: asks the web API by the intent (the page's chat key); answer, link, Start now, signposts."""

import pytest
import requests
from responses import matchers

from rasa_sdk.events import SlotSet

from actions.respond import ActionAnswerFromCms
from actions.pages import PageCache, reset_cache

from conftest import API, answer_body, make_tracker, only_message

ANSWER_URL = f"{API}/api/bot/answer/"


def run(dispatcher, intent, text="question"):
    tracker = make_tracker(intent, text)
    return ActionAnswerFromCms().run(dispatcher, tracker, {})


def fake_answer(api, key, body, status=200):
    api.get(ANSWER_URL, match=[matchers.query_param_matcher({"key": key})],
            json=body, status=status)


def test_info_page_answer_with_link(api, dispatcher):
    path = "/bins-and-recycling/recycling-centres/"
    fake_answer(api, "recycling_centres", answer_body(
        path, "Household waste recycling centres", "info",
        "Westmere tip is open every day from 8am to 6pm."))

    events = run(dispatcher, "recycling_centres", "is the tip open on sunday")

    # The page becomes the conversation's topic, for the follow-ups.
    assert events == [SlotSet("topic", "recycling_centres"), SlotSet("topic_options", [])]
    message = only_message(dispatcher)
    assert message["text"] == (
        "Westmere tip is open every day from 8am to 6pm.\n"
        "Find out more: /bins-and-recycling/recycling-centres/"
    )
    assert message["custom"] == {
        "links": [{"text": "Household waste recycling centres", "url": path}],
        "answer": {"key": "recycling_centres"},  # the widget asks "Did this answer help?"
    }
    assert message["buttons"] == []


@pytest.mark.parametrize("intent,path,kind", [
    ("report_missed_bin", "/bins-and-recycling/report-a-missed-bin/", "report"),
    ("single_person_discount", "/council-tax/single-person-discount/", "apply"),
    ("pay_parking_fine", "/parking-and-roads/pay-a-parking-fine/", "pay"),
    ("bulky_waste", "/bins-and-recycling/bulky-waste/", "book"),
])
def test_online_form_kinds_get_a_start_now_link(api, dispatcher, intent, path, kind):
    start = path + "start/"
    fake_answer(api, intent, answer_body(path, "Task title", kind, "Do it online.",
                                       start_url=start))

    run(dispatcher, intent)

    message = only_message(dispatcher)
    start += "?said=question"  # the form picks a choice the resident named (casework.intake.prefill)
    assert message["text"] == f"Do it online.\nStart now: {start}\nFind out more: {path}"
    assert message["custom"]["links"] == [
        {"text": "Task title", "url": path},
        {"text": "Start now", "url": start},
    ]


@pytest.mark.parametrize("said,link", [
    ("My RECYCLING bin at 12 Market St, WM1 1AA wasn't emptied!", "?said=my+recycling+bin+at+market+st+wm+aa+wasn%27t+emptied"),
    ("call me on 07700 900123 or jo@example.org about the blue bin", "?said=call+me+on+or+about+the+blue+bin"),
    ("/report_missed_bin", ""),  # a button: nothing the resident said
    ("12345", ""),
])
def test_the_start_now_link_carries_the_residents_words_but_no_numbers_or_emails(api, dispatcher, said, link):
    path = "/bins-and-recycling/report-a-missed-bin/"
    fake_answer(api, "report_missed_bin", answer_body(path, "Report a missed bin", "report", "Do it online.",
                                                       start_url=path + "start/"))
    run(dispatcher, "report_missed_bin", text=said)
    assert {"text": "Start now", "url": path + "start/" + link} in only_message(dispatcher)["custom"]["links"]


def test_no_start_now_when_the_api_gives_no_start_url(api, dispatcher):
    path = "/council-tax/pay/"
    fake_answer(api, "pay_council_tax", answer_body(path, "Pay your Council Tax", "pay", "Pay online."))
    run(dispatcher, "pay_council_tax")
    message = only_message(dispatcher)
    assert "Start now" not in message["text"]
    assert [l["text"] for l in message["custom"]["links"]] == ["Pay your Council Tax"]


def test_signpost_says_who_deals_with_it(api, dispatcher):
    path = "/parking-and-roads/report-a-pothole/"
    fake_answer(api, "report_pothole", answer_body(
        path, "Report a pothole or road problem", "signpost",
        "Roads are looked after by the county council.",
        signpost={"organisation": "Westmere County Council (highways)",
                  "url": "https://highways.example.gov.uk/report"}))

    run(dispatcher, "report_pothole", "there's a pothole on my road")

    message = only_message(dispatcher)
    assert message["text"] == (
        "Roads are looked after by the county council.\n"
        "Westmere County Council (highways) deals with this: "
        "https://highways.example.gov.uk/report\n"
        f"Find out more: {path}"
    )
    assert message["custom"]["links"] == [
        {"text": "Report a pothole or road problem", "url": path},
        {"text": "Westmere County Council (highways)",
         "url": "https://highways.example.gov.uk/report"},
    ]


def test_register_to_vote_is_a_signpost_too(api, dispatcher):
    path = "/council-and-democracy/register-to-vote/"
    fake_answer(api, "register_to_vote", answer_body(
        path, "Register to vote", "signpost", "Register online in 5 minutes.",
        signpost={"organisation": "GOV.UK", "url": "https://www.gov.uk/register-to-vote"}))
    run(dispatcher, "register_to_vote")
    assert "GOV.UK deals with this: https://www.gov.uk/register-to-vote" in (
        only_message(dispatcher)["text"])


def test_homelessness_is_urgent_phones_first_and_a_person_offered(api, dispatcher):
    path = "/housing/homelessness/"
    fake_answer(api, "homelessness", answer_body(
        path, "Homeless or at risk of homelessness", "urgent",
        "We can help you find somewhere to stay tonight."))

    run(dispatcher, "homelessness", "I have nowhere to sleep tonight")

    message = only_message(dispatcher)
    lines = message["text"].split("\n")
    assert lines[0] == (
        "If you need help today, call us on 01632 960000 (out of hours: 01632 960999)."
    )
    assert lines[-1] == f"Find out more: {path}"
    assert message["buttons"] == [{"title": "Talk to a person", "payload": "/request_human"}]


GARDEN = "/bins-and-recycling/garden-waste/"
DOWN = [
    {"body": requests.ConnectionError("down")},
    {"status": 503, "json": {"error": "unavailable"}},
]


def see_page_once(api, dispatcher, key, path, title, kind):
    """The web app answers once (the action server remembers the page), then goes down."""
    fake_answer(api, key, answer_body(path, title, kind, "An answer."))
    run(dispatcher, key)
    dispatcher.messages.clear()
    api.reset()


@pytest.mark.parametrize("failure", DOWN)
def test_web_api_down_still_gives_a_page_seen_before_and_the_phone(api, dispatcher, failure):
    see_page_once(api, dispatcher, "garden_waste", GARDEN, "Garden waste collections", "pay")
    api.get(ANSWER_URL, **failure)

    events = run(dispatcher, "garden_waste")

    assert events == []
    message = only_message(dispatcher)
    assert message["text"] == (
        "Sorry, I can't fetch the answer just now. Our 'Garden waste collections' page "
        "has the details: /bins-and-recycling/garden-waste/\nOr call us on 01632 960000."
    )
    assert message["custom"]["links"] == [
        {"text": "Garden waste collections", "url": "/bins-and-recycling/garden-waste/"}
    ]


def test_the_copy_of_the_pages_survives_a_restart_of_the_action_server(api, dispatcher, tmp_path):
    see_page_once(api, dispatcher, "garden_waste", GARDEN, "Garden waste collections", "pay")
    reset_cache(PageCache(str(tmp_path / "chat_pages.json")))  # a new process reads the same file
    api.get(ANSWER_URL, body=requests.ConnectionError("down"))

    run(dispatcher, "garden_waste")

    assert "/bins-and-recycling/garden-waste/" in only_message(dispatcher)["text"]


def test_the_whole_list_of_pages_is_copied_so_a_page_never_asked_is_linked_in_an_outage(api, dispatcher):
    api.get(f"{API}/api/bot/pages/", json={"pages": [
        {"key": "garden_waste", "title": "Garden waste collections", "url": GARDEN, "kind": "pay"},
        {"key": "homelessness", "title": "Homeless", "url": "/housing/homelessness/", "kind": "urgent"},
    ]})
    see_page_once(api, dispatcher, "garden_waste", GARDEN, "Garden waste collections", "pay")
    api.get(ANSWER_URL, body=requests.ConnectionError("down"))

    run(dispatcher, "homelessness")

    message = only_message(dispatcher)
    assert message["text"].startswith("If you need help today, call us on 01632 960000")
    assert "/housing/homelessness/" in message["text"]
    assert message["buttons"][0]["payload"] == "/request_human"


@pytest.mark.parametrize("failure", DOWN)
def test_web_api_down_and_the_page_never_seen_gives_the_phone_and_a_person(api, dispatcher, failure):
    api.get(ANSWER_URL, **failure)
    run(dispatcher, "homelessness")
    message = only_message(dispatcher)
    assert message["text"] == (
        "Sorry, I can't fetch the answer just now. Please try again in a few minutes, "
        "or call us on 01632 960000.")
    assert message["buttons"][0]["payload"] == "/request_human"


def test_a_key_the_cms_does_not_know_offers_search_for_the_question(api, dispatcher):
    fake_answer(api, "licences", {"error": "not_found"}, status=404)
    run(dispatcher, "licences", "do I need a licence for a market stall")
    message = only_message(dispatcher)
    assert "/search/?q=do+I+need+a+licence+for+a+market+stall" in message["text"]
    assert message["custom"]["links"][0]["url"] == "/search/?q=do+I+need+a+licence+for+a+market+stall"


def test_urgent_answer_that_already_gives_the_phone_numbers_is_not_doubled(api, dispatcher):
    path = "/housing/homelessness/"
    answer = ("If you have nowhere to sleep tonight, call Westmere District Council on "
              "01632 960000, or 01632 960999 out of hours. If you are in danger, call 999.")
    fake_answer(api, "homelessness", answer_body(
        path, "Homeless or at risk of homelessness", "urgent", answer))

    run(dispatcher, "homelessness")

    message = only_message(dispatcher)
    assert message["text"] == (
        f"{answer}\nYou can also talk to a person here.\nFind out more: {path}")
    assert message["text"].count("01632 960000") == 1
    assert message["buttons"] == [{"title": "Talk to a person", "payload": "/request_human"}]


def test_the_story_after_a_complaint_goes_into_the_complaint_form(api, dispatcher):
    from actions.answers import answer_page

    body = answer_body("/contact-us/comments-compliments-complaints/", "Comments, compliments and complaints",
                       "report", "Make a complaint online.")
    body["start_url"] = "/contact-us/comments-compliments-complaints/start/"
    fake_answer(api, "complaint", body)
    tracker = make_tracker("nlu_fallback", "the crew left rubbish all over the pavement & the road")

    answer_page(dispatcher, tracker, "complaint", how="story")

    message = only_message(dispatcher)
    start = "/contact-us/comments-compliments-complaints/start/?details=the+crew+left+rubbish+all+over+the+pavement+%26+the+road"
    assert {"text": "Start now", "url": start} in message["custom"]["links"]
    assert "The form starts with what you've told me" in message["text"]


def test_a_disruption_on_the_page_comes_before_its_answer(api, dispatcher):
    path = "/bins-and-recycling/garden-waste/"
    body = answer_body(path, "Garden waste collections", "pay", "Garden waste collections cost £52 a year.")
    body["service_updates"] = [{"title": "Garden waste collections suspended in Eastbrook", "details": "Snow.",
                                "ends": "2026-12-09T17:00:00+00:00"}]
    fake_answer(api, "garden_waste", body)
    run(dispatcher, "garden_waste")
    text = only_message(dispatcher)["text"]
    assert text.startswith("Service update: Garden waste collections suspended in Eastbrook. Snow.\n"
                           "Garden waste collections cost £52 a year.")
