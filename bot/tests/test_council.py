"""Several councils share the assistant: each action call is for the council in its message's metadata, the web API
is asked as that council's site (its Host), and what is kept from the web API is kept per council."""
import contextvars

import pytest
import responses
from responses import matchers

from actions import council
from actions.api.cms import CmsClient
from actions.shared import Shared

from conftest import API


def call(metadata):
    return {"next_action": "action_respond", "tracker": {"latest_message": {"text": "hi", "metadata": metadata}}}


@pytest.mark.parametrize("metadata, expected", [
    ({"council": "fellside.localhost"}, "fellside.localhost"),
    ({"council": "Fellside.Localhost"}, "fellside.localhost"),
    ({"page": "/"}, None),
    ({"council": "evil.example/path"}, None),
    ({"council": "a b"}, None),
    ({"council": 7}, None),
    (None, None),
])
def test_the_council_comes_from_the_message_metadata_and_only_as_a_hostname(metadata, expected):
    assert council.from_action_call(call(metadata)) == expected
    assert council.from_action_call("not a dict") is None


@responses.activate
def test_the_web_api_is_asked_as_the_council_s_site():
    fellside = responses.get(f"{API}/api/bot/answer/", match=[matchers.header_matcher({"Host": "fellside.localhost"})],
                             json={"title": "Book a bulky waste collection", "answer": "£25 for up to 4 items."})
    default = responses.get(f"{API}/api/bot/answer/", json={"title": "Book a bulky waste collection",
                                                           "answer": "£30 for up to 3 items."})

    def ask(host):
        council.use(host)
        return CmsClient(base_url=API, timeout=1).answer("bulky_waste")["answer"]

    assert contextvars.copy_context().run(ask, "fellside.localhost") == "£25 for up to 4 items."
    assert contextvars.copy_context().run(ask, None) == "£30 for up to 3 items."
    assert len(fellside.calls) == 1 and len(default.calls) == 1
    assert "Host" not in default.calls[0].request.headers or default.calls[0].request.headers["Host"] != \
        "fellside.localhost"


def test_what_is_kept_from_the_web_api_is_each_council_s_own():
    kept = Shared(dict)

    def instance(host):
        council.use(host)
        return kept.get()

    fellside = contextvars.copy_context().run(instance, "fellside.localhost")
    default = contextvars.copy_context().run(instance, None)
    assert fellside is not default
    assert contextvars.copy_context().run(instance, "fellside.localhost") is fellside


def test_a_reply_that_cannot_help_gives_the_turn_s_council_s_phone_number(api, dispatcher):
    """A council without a page for a service (Fellside has no licences page): its own number, never the default
    council's; asked of the web API once and kept."""
    from actions import contact
    from actions.respond import ActionAnswerFromCms
    from conftest import make_tracker, only_message

    api.get(f"{API}/api/bot/answer/", json={"error": "not_found"}, status=404)
    details = api.get(f"{API}/api/bot/council/", match=[matchers.header_matcher({"Host": "fellside.localhost"})],
                      json={"name": "Fellside District Council", "phone": "01632 960500",
                            "out_of_hours_phone": "01632 960599"})
    contact._known.reset()

    def reply(host):
        council.use(host)
        ActionAnswerFromCms().run(dispatcher, make_tracker("licences", "market stall licence"), {})
        return only_message(dispatcher)["text"]

    assert contextvars.copy_context().run(reply, "fellside.localhost").endswith("Or call us on 01632 960500.")
    dispatcher.messages.clear()
    assert contextvars.copy_context().run(reply, "fellside.localhost").endswith("Or call us on 01632 960500.")
    assert len(details.calls) == 1  # kept
    dispatcher.messages.clear()
    assert contextvars.copy_context().run(reply, None).endswith("Or call us on 01632 960000.")  # the release's


def test_the_bin_day_question_gives_one_of_the_turn_s_council_s_postcodes_as_the_example(api):
    from actions import bin_day, contact

    api.get(f"{API}/api/bot/council/", match=[matchers.header_matcher({"Host": "fellside.localhost"})],
            json={"name": "Fellside District Council", "phone": "01632 960500", "example_postcode": "FL1 2AB"})
    contact._known.reset()

    def asked(host):
        council.use(host)
        return bin_day.with_council_example(bin_day.ASK_POSTCODE_TEXT)

    assert contextvars.copy_context().run(asked, "fellside.localhost") == "What is your postcode? For example, FL1 2AB."
    assert contextvars.copy_context().run(asked, None) == "What is your postcode? For example, WM1 1AA."


def test_a_council_without_a_bin_day_page_gets_its_collections_with_no_link_to_another_council_s_page(
        api, dispatcher):
    """Fellside has no bin collection day page: its bin days are answered from its address list, with no "Find
    out more" link (the release's link is Westmere's page, which Fellside's site does not have)."""
    from actions import contact
    from actions.bin_day import ActionBinDay
    from conftest import make_tracker, only_message

    api.get(f"{API}/api/bot/council/", match=[matchers.header_matcher({"Host": "fellside.localhost"})],
            json={"name": "Fellside District Council", "phone": "01632 960500", "bin_day_url": None})
    api.get(f"{API}/api/bot/bin-day/", match=[matchers.header_matcher({"Host": "fellside.localhost"})],
            json={"postcode": "FL1 2AB", "url": None, "lookup_url": None,
                  "collections": [{"bin": "Rubbish (black bin)", "day": "Tuesday", "next_date": "2026-12-08"}],
                  "rounds": [{"day": "Tuesday"}]})
    contact._known.reset()

    def reply(host):
        council.use(host)
        ActionBinDay().run(dispatcher, make_tracker(slots={"postcode": "FL1 2AB"}), {})
        return only_message(dispatcher)

    message = contextvars.copy_context().run(reply, "fellside.localhost")
    assert "Rubbish (black bin): Tuesday" in message["text"]
    assert "Find out more" not in message["text"] and "bin-collection-day" not in message["text"]
    assert not message["custom"]["links"]
