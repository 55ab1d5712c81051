"""action_answer_follow_up: "how much is it?" and "what do I need?" about the page last asked about."""

from actions.follow_up import ActionAnswerFollowUp

from conftest import API, answer_body, make_tracker, only_message

ANSWER_URL = f"{API}/api/bot/answer/"


def said(text, intent):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 0.9}}}


def garden_waste(**details):
    body = answer_body("/bins-and-recycling/garden-waste/", "Garden waste collections", "apply",
                       "Garden waste collections cost £52 a year.", start_url="/bins-and-recycling/garden-waste/start/")
    body["key"] = "garden_waste"
    body["details"] = details
    return body


def test_how_much_is_it_answers_with_the_cost_of_the_page_last_asked_about(api, dispatcher):
    api.get(ANSWER_URL, json=garden_waste(cost="£52 a year for each brown bin"))
    events = [said("garden waste", "garden_waste"), said("thanks", "thanks"), said("how much is it", "ask_cost")]

    ActionAnswerFollowUp().run(dispatcher, make_tracker("ask_cost", "how much is it", events=events), {})

    assert api.calls[0].request.params == {"key": "garden_waste"}
    message = only_message(dispatcher)
    assert message["text"] == ("Garden waste collections: £52 a year for each brown bin\n"
                               "Start now: /bins-and-recycling/garden-waste/start/")
    assert message["custom"] == {
        "links": [{"text": "Garden waste collections", "url": "/bins-and-recycling/garden-waste/"},
                  {"text": "Start now", "url": "/bins-and-recycling/garden-waste/start/"}],
        "answer": {"key": "garden_waste"},
    }


def test_what_do_i_need_lists_what_the_page_says(api, dispatcher):
    api.get(ANSWER_URL, json=garden_waste(what_you_need=["Your address", "A debit or credit card"]))
    events = [said("brown bin", "garden_waste"), said("what do i need", "ask_what_you_need")]

    ActionAnswerFollowUp().run(dispatcher, make_tracker("ask_what_you_need", "what do i need", events=events), {})

    assert only_message(dispatcher)["text"].startswith(
        "For garden waste collections, you need:\n- Your address\n- A debit or credit card")


def test_a_page_that_does_not_say_links_to_it(api, dispatcher):
    api.get(ANSWER_URL, json=garden_waste())
    events = [said("brown bin", "garden_waste"), said("is it free", "ask_cost")]

    ActionAnswerFollowUp().run(dispatcher, make_tracker("ask_cost", "is it free", events=events), {})

    assert only_message(dispatcher)["text"].startswith(
        "The page doesn't say. Find out more: /bins-and-recycling/garden-waste/")


def test_with_no_page_asked_about_it_asks_which(api, dispatcher):
    events = [said("hello", "greet"), said("how much is it", "ask_cost")]

    ActionAnswerFollowUp().run(dispatcher, make_tracker("ask_cost", "how much is it", events=events), {})

    assert len(api.calls) == 0
    assert only_message(dispatcher)["text"].startswith("What would you like to know the cost of?")


def test_what_can_you_do_about_it_after_an_answer_is_a_follow_up_of_that_page(api, dispatcher):
    from actions.follow_up import ActionWhatICanDo

    api.get(ANSWER_URL, json=garden_waste())
    tracker = make_tracker("ask_what_you_can_do", "what are you able to do about it then?",
                           slots={"topic": "garden_waste"})
    ActionWhatICanDo().run(dispatcher, tracker, {})
    message = only_message(dispatcher)
    assert message["text"].startswith("This is what our page on this says.")
    assert "/bins-and-recycling/garden-waste/" in message["text"]


def test_what_can_you_do_on_its_own_is_about_the_assistant(dispatcher):
    from actions.follow_up import ActionWhatICanDo

    for slots in ({}, {"topic": "garden_waste"}):
        dispatcher.messages.clear()
        ActionWhatICanDo().run(dispatcher, make_tracker("ask_what_you_can_do", "what can you do?", slots=slots), {})
        assert only_message(dispatcher)["response"] == "utter_what_i_can_do"
