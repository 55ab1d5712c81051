"""The web side of the chatbot: the bot API answers from the CMS, and the chat proxy fails safely."""
import json
from datetime import date

import pytest
import responses
from django.core.cache import cache
from django.test import Client, override_settings

from assistant import bin_days
from assistant.models import HandoffRequest, UnansweredQuestion
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


def setup_function():
    cache.clear()


def test_answer_for_a_report_task_links_to_the_page_and_its_form(site_client):
    data = site_client.get("/api/bot/answer/", {"key": "report_missed_bin"}).json()
    assert data["title"] == "Report a missed bin collection"
    assert data["url"] == "/bins-and-recycling/report-a-missed-bin/"
    assert data["start_url"] == "/bins-and-recycling/report-a-missed-bin/start/"
    assert data["kind"] == "report" and data["answer"]
    assert data["phones"]["main"] == "01632 960000"


def test_answer_carries_what_the_page_says_for_follow_up_questions(site_client):
    details = site_client.get("/api/bot/answer/", {"key": "garden_waste"}).json()["details"]
    assert details["cost"].startswith("£52")
    assert details["time_taken"] and details["who_can_use"] and details["what_you_need"]


def test_answer_changes_when_an_editor_changes_the_page(site_client):
    from cms_pages.models import TaskPage

    page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    page.answer = "You can pay online any time, day or night."
    page.save_revision().publish()
    data = site_client.get("/api/bot/answer/", {"key": "pay_council_tax"}).json()
    assert data["answer"] == "You can pay online any time, day or night."


def test_answer_for_a_signpost_names_who_does_it(site_client):
    data = site_client.get("/api/bot/answer/", {"key": "report_pothole"}).json()
    assert data["start_url"] is None
    assert data["signpost"]["organisation"].startswith("Westmere County Council")
    assert data["signpost"]["url"].startswith("https://")


def test_answer_for_an_unknown_key_is_404(site_client):
    assert site_client.get("/api/bot/answer/", {"key": "no_such_page"}).status_code == 404
    assert site_client.get("/api/bot/answer/").status_code == 404


def test_council_details(site_client):
    data = site_client.get("/api/bot/council/").json()
    assert data["phone"] == "01632 960000" and data["out_of_hours_phone"] == "01632 960999"
    assert isinstance(data["open_now"], bool)


@pytest.mark.parametrize("typed", ["wm1 1aa", "WM11AA", " Wm1  1aA "])
def test_bin_day_accepts_a_postcode_however_it_is_typed(site_client, typed):
    data = site_client.get("/api/bot/bin-day/", {"postcode": typed}).json()
    assert data["postcode"] == "WM1 1AA"
    assert {c["bin"] for c in data["collections"]} >= {"Rubbish (green bin)", "Recycling (blue bin)"}
    assert data["url"] == "/bins-and-recycling/bin-collection-day/"


def test_bin_day_rejects_a_non_postcode_and_a_postcode_outside_westmere(site_client):
    bad = site_client.get("/api/bot/bin-day/", {"postcode": "my house"})
    assert bad.status_code == 400 and "WM1 1AA" in bad.json()["message"]
    away = site_client.get("/api/bot/bin-day/", {"postcode": "SW1A 1AA"})
    assert away.status_code == 404 and away.json()["error"] == "not_in_area"


def test_bin_day_for_a_postcode_on_two_rounds_says_which_addresses_go_out_when(site_client):
    data = site_client.get("/api/bot/bin-day/", {"postcode": "wm4 6br"}).json()
    assert data["same_for_every_address"] is False
    assert data["day"] is None and data["collections"] == []  # no one day for the postcode: none is made up
    days = {r["day"]: [a["address"] for a in r["addresses"]] for r in data["rounds"]}
    assert set(days) == {"Tuesday", "Thursday"}
    assert "1 Brook Road" in days["Tuesday"] and "2 Brook Road" in days["Thursday"]
    assert data["lookup_url"] == "/bins-and-recycling/bin-collection-day/?postcode=WM4+6BR"
    one = site_client.get("/api/bot/bin-day/", {"postcode": "WM1 1AA"}).json()
    assert one["same_for_every_address"] is True and one["day"] == "Wednesday" and len(one["rounds"]) == 1


def test_bin_day_for_one_address_by_its_uprn(site_client):
    from places.models import Address

    address = Address.objects.get(line_1="2 Brook Road", postcode="WM4 6BR")
    data = site_client.get("/api/bot/bin-day/", {"uprn": address.uprn}).json()
    assert data["day"] == "Thursday" and data["address"] == "2 Brook Road, Eastbrook, WM4 6BR"
    assert {c["bin"] for c in data["collections"]} >= {"Rubbish (green bin)", "Food waste (caddy)"}
    assert data["lookup_url"].endswith(f"?postcode=WM4+6BR&uprn={address.uprn}")
    assert site_client.get("/api/bot/bin-day/", {"uprn": "12345"}).status_code == 404


def test_a_westmere_postcode_with_no_addresses_is_not_called_outside_westmere(site_client):
    data = site_client.get("/api/bot/bin-day/", {"postcode": "WM9 9ZZ"})
    assert data.status_code == 404 and data.json()["error"] == "no_addresses"


def test_councillors_for_a_postcode(site_client):
    data = site_client.get("/api/bot/councillors/", {"postcode": "wm3 2bx"}).json()
    assert data["same_for_every_address"] is True and [w["name"] for w in data["wards"]] == ["Northgate"]
    amina = data["wards"][0]["councillors"][0]
    assert amina == {"name": "Amina Begum", "party": "Labour", "email": "cllr.amina.begum@example.org",
                     "phone": "01632 960401",
                     "surgery": "First Saturday of the month, 10am to 12pm, Northgate Library"}
    boundary = site_client.get("/api/bot/councillors/", {"postcode": "WM4 6BR"}).json()
    assert {w["name"] for w in boundary["wards"]} == {"Eastbrook", "Southfields"}
    assert boundary["same_for_every_address"] is False
    assert site_client.get("/api/bot/councillors/", {"postcode": "SW1A 1AA"}).json()["error"] == "not_in_area"
    assert site_client.get("/api/bot/councillors/", {"postcode": "nope"}).status_code == 400


def move(page, slug):
    """An editor renames the page's address (its slug) and publishes it."""
    page.slug = slug
    page.save_revision().publish()


def live_page(path):
    from wagtail.models import Page

    return Page.objects.get(url_path=f"/home{path}").specific


def test_bin_day_links_the_bin_day_page_where_an_editor_has_moved_it(site_client):
    """Issue 22: the page's real address, found by its bin day lookup, where the API used to give a typed one."""
    move(live_page("/bins-and-recycling/bin-collection-day/"), "when-is-my-bin-day")
    moved = "/bins-and-recycling/when-is-my-bin-day/"
    data = site_client.get("/api/bot/bin-day/", {"postcode": "WM1 1AA"}).json()
    assert data["url"] == moved and data["lookup_url"] == f"{moved}?postcode=WM1+1AA"
    assert site_client.get("/api/bot/bin-day/", {"postcode": "SW1A 1AA"}).json()["url"] == moved
    assert site_client.get("/api/bot/bin-day/", {"uprn": "12345"}).json()["url"] == moved
    form_pages = [p for p in site_client.get("/api/bot/knowledge/").json()["pages"] if p["kind"] == "form"]
    assert [(p["key"], p["path"]) for p in form_pages] == [("bin_collection_day", moved)]


def test_councillors_link_the_councillor_finder_where_an_editor_has_moved_it(site_client):
    move(live_page("/council-and-democracy/find-your-councillor/"), "my-councillors")
    data = site_client.get("/api/bot/councillors/", {"postcode": "wm3 2bx"}).json()
    assert data["url"] == "/council-and-democracy/my-councillors/"
    assert data["lookup_url"] == "/council-and-democracy/my-councillors/?postcode=WM3+2BX"


def test_council_details_link_the_contact_page_where_an_editor_has_moved_it(site_client):
    assert site_client.get("/api/bot/council/").json()["contact_url"] == "/contact-us/"
    move(live_page("/contact-us/"), "get-in-touch")
    assert site_client.get("/api/bot/council/").json()["contact_url"] == "/get-in-touch/"


def test_without_the_pages_the_links_are_none_as_for_any_missing_page(site_client):
    """No page holds the bin day lookup or the councillor finder, and no contact page: the answers still come from
    the address list and the council's settings, with no link (the bot then uses its own)."""
    for path in ("/bins-and-recycling/bin-collection-day/", "/council-and-democracy/find-your-councillor/",
                 "/contact-us/"):
        live_page(path).unpublish()
    data = site_client.get("/api/bot/bin-day/", {"postcode": "WM1 1AA"}).json()
    assert data["day"] == "Wednesday" and data["url"] is None and data["lookup_url"] is None
    assert site_client.get("/api/bot/bin-day/", {"postcode": "nope"}).json()["url"] is None
    wards = site_client.get("/api/bot/councillors/", {"postcode": "wm3 2bx"}).json()
    assert wards["wards"][0]["name"] == "Northgate" and wards["url"] is None and wards["lookup_url"] is None
    council = site_client.get("/api/bot/council/").json()
    assert council["phone"] == "01632 960000" and council["contact_url"] is None
    assert not [p for p in site_client.get("/api/bot/knowledge/").json()["pages"] if p["kind"] == "form"]


def test_recycling_and_rubbish_alternate_weeks():
    result = bin_days.collections_for("WM1 1AA", today=date(2026, 11, 23))
    dates = {c["bin"]: date.fromisoformat(c["next_date"]) for c in result["collections"]}
    assert abs((dates["Rubbish (green bin)"] - dates["Recycling (blue bin)"]).days) == 7
    assert all(d.weekday() == dates["Rubbish (green bin)"].weekday() for d in dates.values())


def test_handoff_is_stored_with_the_transcript(site_client):
    transcript = [{"sender": "user", "text": "I need help with my rent", "timestamp": 1.0}]
    response = site_client.post(
        "/api/bot/handoff/",
        json.dumps(
            {"sender_id": "abc12345", "topic": "housing_benefit", "page_url": "/housing/", "transcript": transcript}
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    handoff = HandoffRequest.objects.get(reference=data["reference"])
    # The transcript, then what the assistant told the resident (staff read both in the live chat console).
    assert handoff.transcript == [*transcript, {"sender": "bot", "text": data["message"]}]
    assert handoff.topic == "housing_benefit"
    assert "01632 96" in data["message"] and data["opening_hours"]


def test_unanswered_questions_are_stored_without_personal_data(site_client):
    response = site_client.post(
        "/api/bot/unanswered/",
        json.dumps({"text": "my email is jo@example.com and phone 07700 900123 at WM2 3AB", "confidence": 0.2}),
        content_type="application/json",
    )
    assert response.status_code == 201
    stored = UnansweredQuestion.objects.get().text
    assert "jo@example.com" not in stored and "07700" not in stored and "WM2 3AB" not in stored
    assert "[email]" in stored and "[phone]" in stored and "[postcode]" in stored


@override_settings(BOT_API_TOKEN="s3cret")
def test_bot_api_needs_the_token_when_one_is_set(site_client):
    assert site_client.get("/api/bot/council/").status_code == 403
    assert site_client.get("/api/bot/council/", HTTP_AUTHORIZATION="Bearer s3cret").status_code == 200


def chat(client, message="hello", sender="test-sender-1"):
    return client.post(
        "/api/chat/", json.dumps({"sender": sender, "message": message, "page": "/"}), content_type="application/json"
    )


@override_settings(RASA_URL="http://127.0.0.1:9")  # nothing listens on the discard port
def test_chat_when_the_bot_is_down_gives_the_phone_number(site_client):
    response = chat(site_client)
    assert response.status_code == 503
    assert "01632 960000" in response.json()["message"]


@responses.activate
def test_chat_passes_the_page_and_turns_rasa_replies_into_widget_messages(site_client):
    rasa = responses.post(
        "http://127.0.0.1:5005/webhooks/rest/webhook",
        json=[
            {"recipient_id": "test-sender-1", "text": "You can report a missed bin online."},
            {"recipient_id": "test-sender-1", "custom": {"links": [{"text": "Start now", "url": "/x/start/"}]}},
            {
                "recipient_id": "test-sender-1",
                "text": "Anything else?",
                "buttons": [{"title": "Talk to a person", "payload": "/request_human"}],
            },
        ],
    )
    data = chat(site_client, "my bin wasn't emptied").json()
    sent = json.loads(rasa.calls[0].request.body)
    assert sent == {"sender": "test-sender-1", "message": "my bin wasn't emptied", "metadata": {"page": "/"}}
    assert data["messages"][0] == {
        "text": "You can report a missed bin online.",
        "links": [{"text": "Start now", "url": "/x/start/"}],
        "buttons": [],
    }
    assert data["messages"][1]["buttons"] == [{"title": "Talk to a person", "payload": "/request_human"}]


@responses.activate
def test_the_turn_is_counted_once_the_reply_has_gone(rf, close_response):
    # The resident does not wait for the conversation's row: the WSGI server closes the response once it is sent
    from django.contrib.auth.models import AnonymousUser

    from assistant.chat import chat_send
    from assistant.models import ChatConversation

    responses.post("http://127.0.0.1:5005/webhooks/rest/webhook", json=[{"recipient_id": "s", "text": "Hello."}])
    request = rf.post("/api/chat/", json.dumps({"sender": "counted-later-1", "message": "hello", "page": "/"}),
                      content_type="application/json", HTTP_HOST="localhost", REMOTE_ADDR="10.7.7.7")
    request.user, request._dont_enforce_csrf_checks = AnonymousUser(), True
    response = chat_send(request)
    assert response.status_code == 200 and not ChatConversation.objects.exists()

    close_response(response)

    assert ChatConversation.objects.get(sender_id="counted-later-1").turns == 1


@responses.activate
def test_the_widget_gets_links_as_links_not_as_addresses_in_the_text(site_client):
    # Rasa's text names each link for channels that show text alone; on a phone those long addresses
    # wrapped line after line above the same links.
    responses.post("http://127.0.0.1:5005/webhooks/rest/webhook", json=[
        {"recipient_id": "s", "text": "A bulky waste collection costs £30.\nStart now: /bulky/start/\n"
                                      "Find out more: /bulky/"},
        {"recipient_id": "s", "custom": {"links": [{"text": "Book a bulky waste collection", "url": "/bulky/"},
                                                   {"text": "Start now", "url": "/bulky/start/"}]}},
        {"recipient_id": "s", "text": "Sorry, I didn't understand that. Try asking in a different way, or search "
                                      "our website: /search/?q=sofa\nOr you can talk to a person.",
         "custom": {"links": [{"text": "Search the website", "url": "/search/?q=sofa"}]}},
        {"recipient_id": "s", "text": "Call us: 01632 960000\nSee /elsewhere/: /not-a-link/"},
        {"recipient_id": "s", "text": "Potholes are fixed by them.\nWestmere County Council deals with this: "
                                      "https://county.example.org/roads\nFind out more: /roads/",
         "custom": {"links": [{"text": "Report a road problem", "url": "/roads/"},
                              {"text": "Westmere County Council", "url": "https://county.example.org/roads"}]}},
    ])
    messages = chat(site_client, "sofa").json()["messages"]
    assert messages[0]["text"] == "A bulky waste collection costs £30."
    assert [link["url"] for link in messages[0]["links"]] == ["/bulky/", "/bulky/start/"]
    assert messages[1]["text"] == ("Sorry, I didn't understand that. Try asking in a different way, or search "
                                   "our website.\nOr you can talk to a person.")
    assert messages[2]["text"] == "Call us: 01632 960000\nSee /elsewhere/: /not-a-link/"  # no links: as sent
    # What a line says beyond its link stays: who deals with it.
    assert messages[3]["text"] == "Potholes are fixed by them.\nWestmere County Council deals with this."


def test_chat_rejects_empty_and_overlong_messages_with_a_clear_message(site_client):
    assert chat(site_client, "   ").json()["message"] == "Please type a message."
    assert "under 500 characters" in chat(site_client, "x" * 501).json()["message"]


@override_settings(CHAT_RATE_LIMIT="2/m", RASA_URL="http://127.0.0.1:9")
def test_chat_is_rate_limited_per_address(site_client):
    chat(site_client)
    chat(site_client)
    response = chat(site_client)
    assert response.status_code == 429 and "wait a minute" in response.json()["message"]


def test_chat_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    assert chat(client).status_code == 403
    client.get("/api/chat/")  # the widget asks for the cookie: cached pages set none
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/chat/", json.dumps({"sender": "test-sender-1", "message": ""}),
        content_type="application/json", HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 400
