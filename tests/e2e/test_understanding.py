"""The assistant understands conversations (issue 21), one test for each kind of message that used to fail,
through the site's chat proxy with the real Rasa model, action server and site. The sentences are written for
these tests: they are neither training data nor the held-back set (bot/tests/held_back/)."""
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.test_conversations import ProxyChat, text_of, urls_of

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_council")]

GARDEN_WASTE = "/bins-and-recycling/garden-waste/"
PAY_COUNCIL_TAX = "/council-tax/pay/"
COUNCIL_TAX_SUPPORT = "/council-tax/council-tax-support/"
PARKING_PERMITS = "/parking-and-roads/parking-permits/"
PLANNING_PERMISSION = "/planning-and-building/do-i-need-planning-permission/"
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"
PARKING_FINE = "/parking-and-roads/pay-a-parking-fine/"
COMPLAINTS = "/contact-us/comments-compliments-complaints/"
POTHOLE = "/parking-and-roads/report-a-pothole/"
BULKY_WASTE = "/bins-and-recycling/bulky-waste/"
DISCOUNTS = "/council-tax/single-person-discount/"
NOISE = "/environment/report-noise/"
LICENCES = "/business/licences/"
PEST_CONTROL = "/environment/pest-control/"
UNSURE = ("not sure I understood", "didn't understand", "Did you mean")


def answered(replies, path):
    """The reply answers with the page (or its form), and does not say it did not understand."""
    text = text_of(replies)
    assert not any(phrase in text for phrase in UNSURE), text
    return any(url.split("?")[0].startswith(path) for url in urls_of(replies))


def offered(replies, path, key):
    """The page answers, or it is one of the "Did you mean" buttons (payload "/<its chat key>")."""
    text = text_of(replies)
    if "Did you mean" in text:
        return any(button.get("payload") == f"/{key}" for reply in replies for button in reply.get("buttons") or [])
    return answered(replies, path)


def test_a_follow_up_is_answered_from_the_topic_page(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert answered(chat.say("can I get my garden rubbish collected by the council?"), GARDEN_WASTE)
    assert answered(chat.say("ok how do I sign up for that?"), GARDEN_WASTE)

    chat = ProxyChat(client, bot_servers)
    assert answered(chat.say("how do I get a residents parking permit"), PARKING_PERMITS)
    assert answered(chat.say("can my visitors get one too?"), PARKING_PERMITS)


def test_a_follow_up_can_move_to_the_topics_related_page(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert answered(chat.say("I need to pay my council tax"), PAY_COUNCIL_TAX)
    assert answered(chat.say("what if I can't afford it this month?"), COUNCIL_TAX_SUPPORT)


def test_a_variant_of_the_same_question_gets_the_same_page(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert answered(chat.say("do I need planning permission to build a porch?"), PLANNING_PERMISSION)
    assert answered(chat.say("and for a garage?"), PLANNING_PERMISSION)
    assert answered(chat.say("what about decking?"), PLANNING_PERMISSION)


def test_a_detail_about_the_last_request_stays_on_that_task(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert answered(chat.say("my bin wasn't emptied this morning"), MISSED_BIN)
    replies = chat.say("it was the food caddy")
    assert answered(replies, MISSED_BIN)
    assert "when you report it" in text_of(replies)


def test_a_new_question_in_the_bin_day_form_is_answered_and_the_form_resumes(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert "postcode" in text_of(chat.say("when's my bin day")).lower()
    replies = chat.say("actually I need to pay a parking fine")
    assert "doesn't look like a postcode" not in text_of(replies)
    assert answered(replies, PARKING_FINE)
    assert "Do you still want your bin day?" in text_of(replies)
    assert "WM1 1AA" in text_of(chat.say("wm1 1aa"))


def test_the_story_after_i_want_to_complain_belongs_to_the_complaint(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    assert answered(chat.say("I want to complain"), COMPLAINTS)
    replies = chat.say("the crew left rubbish all over the pavement")
    assert answered(replies, COMPLAINTS)
    assert "complaint" in text_of(replies)
    # The form starts with the story, for the resident to check.
    start = next(url for url in urls_of(replies) if "/start/" in url)
    assert start.endswith("?details=the+crew+left+rubbish+all+over+the+pavement")


def test_two_things_at_once_are_both_answered(bot_servers, client):
    chat = ProxyChat(client, bot_servers)
    replies = chat.say("I need to report a pothole and also book a bulky waste collection")
    assert answered(replies, POTHOLE) and answered(replies, BULKY_WASTE)
    assert "You also asked about something else" in text_of(replies)


def test_who_pays_loud_music_and_licences_reach_their_pages_or_a_choice(bot_servers, client):
    # A confident, wrong guess used to answer these with paying Council Tax, planning applications, or
    # "not a council service": now the right page answers, or is offered beside the guess.
    replies = ProxyChat(client, bot_servers).say("my flat is all full-time students, are we counted for council tax")
    assert offered(replies, DISCOUNTS, "single_person_discount")
    assert answered(ProxyChat(client, bot_servers).say("my neighbour plays loud music every night"), NOISE)
    replies = ProxyChat(client, bot_servers).say("who do I see about a street trading licence for a food van")
    assert answered(replies, LICENCES)
    assert "only help with Westmere District Council services" not in text_of(replies)


def test_a_page_taught_after_training_is_answered_from_its_own_words(bot_servers, client):
    """Issue 21, 8: a page loaded with load_pages (12 questions), never trained: residents' other phrasings
    reach it through the pages' words, before any retraining."""
    call_command("load_pages", str(Path(__file__).parent / "fixtures" / "pest_control.yaml"))
    phrasings = [
        "there's something scratching in the loft at night",
        "can you sort out a cockroach problem",
        "we found droppings behind the cooker",
        "there are wasps coming out of a hole in the wall",
        "my flat is full of fleas from the last tenant",
        "a rat keeps coming into the garden from the alley",
        "how much do you charge to get rid of bed bugs",
        "mice have chewed through the cereal boxes",
    ]
    outcomes = {text: outcome(ProxyChat(client, bot_servers).say(text)) for text in phrasings}
    answers = [text for text, found in outcomes.items() if found == "answered"]
    choices = [text for text, found in outcomes.items() if found == "offered"]
    print(f"Taught page: answered {len(answers)}/{len(phrasings)}, offered as a choice {len(choices)}")
    # Before the pages' words: 1 of 8 such phrasings answered, 4 listed among search results. Now 5 answered
    # and 1 or 2 offered, depending on the training (the classifier's guess for the others moves).
    assert len(answers) >= 5, outcomes
    assert len(answers) + len(choices) >= 6, outcomes


def outcome(replies):
    """How the taught page reached the resident: "answered", "offered" (a button, asked by its title: the
    trained model has no intent for it yet) or "missed"."""
    text = text_of(replies)
    if "Did you mean" in text:
        buttons = [button.get("payload") for reply in replies for button in reply.get("buttons") or []]
        return "offered" if "Pest control" in buttons else "missed"
    if any(phrase in text for phrase in UNSURE):
        return "missed"
    return "answered" if any(url.split("?")[0].startswith(PEST_CONTROL) for url in urls_of(replies)) else "missed"
