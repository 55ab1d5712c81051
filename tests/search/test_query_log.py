"""Every search is logged without personal data; clicks are logged through a redirect that stays on the site."""
import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from search.fallback import backend_chain
from search.models import SearchQueryLog
from search.text import normalise_for_log, redact

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def click_links(content):
    return [html.unescape(link) for link in re.findall(r'href="(/search/click/\?[^"]+)"', content)]


def test_each_search_is_logged_normalised_with_count_and_backend(site_client):
    search(site_client, q="  Bin   DAY ")
    log = SearchQueryLog.objects.get()
    assert log.query == "bin day" and log.result_count > 0
    assert log.backend == backend_chain()[0][1] and log.source == "site" and log.created_at
    assert log.clicked_url == "" and log.clicked_position is None


def test_searches_with_no_results_are_logged_with_zero(site_client):
    search(site_client, q="xylophone zeppelin")
    assert SearchQueryLog.objects.get().result_count == 0


def test_searches_that_found_only_some_of_their_words_are_logged_so(site_client, make_page):
    """Logged with the count of pages that had some of the words ("zebra crossing paint colour": 3), such a search
    never reached the editors' searches with no results."""
    make_page(title="Quokka facts", summary="Where a quokka lives.")
    search(site_client, q="quokka wombat burrow")
    search(site_client, q="quokka facts")
    logged = {log.query: (log.result_count, log.some_words_only) for log in SearchQueryLog.objects.all()}
    assert logged == {"quokka wombat burrow": (1, True), "quokka facts": (1, False)}


def test_the_log_holds_no_personal_data(site_client):
    field_names = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "user", "user_agent", "session", "session_key", "referrer"}
    search(
        site_client,
        q="Bin day for WM1 1AA, call me on 07700 900123 or 01632960123, jo.bloggs+bins@example.org, acct 12345678",
    )
    stored = SearchQueryLog.objects.get().query
    assert stored == "bin day for [postcode] call me on [phone] or [phone] [email] acct [number]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("pay PCN WM12345678", "pay pcn [number]"),
        ("+44 1632 960000 opening times", "[phone] opening times"),
        ("bins at sw1a1aa", "bins at [postcode]"),
        ("Council Tax band D 2025", "council tax band d 2025"),
        ("email: A.Person@Example.co.uk!", "email [email]"),
    ],
)
def test_redaction(text, expected):
    assert normalise_for_log(text) == expected


def test_redact_keeps_ordinary_words():
    assert redact("Report a missed bin collection") == "Report a missed bin collection"


def test_later_pages_belong_to_the_same_search(site_client, make_page):
    for number in range(12):
        make_page(title=f"Pangolin permit {number}")
    first = search(site_client, q="pangolin")
    next_url = html.unescape(re.search(r'href="(\?[^"]+)" rel="next"', first).group(1))
    site_client.get("/search/" + next_url)
    assert SearchQueryLog.objects.count() == 1


@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
def test_the_log_is_stored_after_the_response_has_gone(rf, close_response, path):
    """The row is a round trip to the database the resident need not wait for: the WSGI server closes the response
    once it is sent, and the row is stored then, under the token already in the page's links."""
    from django.urls import resolve

    request = rf.get(path, {"q": "bin day"}, HTTP_HOST="localhost", REMOTE_ADDR="10.9.9.8")
    request.user = AnonymousUser()
    response = resolve(path).func(request)
    assert response.status_code == 200 and not SearchQueryLog.objects.exists()

    close_response(response)

    log = SearchQueryLog.objects.get()
    assert log.query == "bin day" and log.result_count > 0
    if path == "/search/":
        assert f"t={log.token}" in response.content.decode()


def test_api_searches_are_logged_as_from_the_chat_assistant(site_client):
    site_client.get("/api/search/", {"q": "Pay PCN"}, REMOTE_ADDR="10.9.9.9")
    log = SearchQueryLog.objects.get()
    assert (log.query, log.source) == ("pay pcn", "api") and log.result_count > 0


def test_result_links_log_the_click_and_redirect_without_javascript(site_client):
    links = click_links(search(site_client, q="bin day"))
    assert len(links) > 1
    response = site_client.get(links[1])
    assert response.status_code == 302
    log = SearchQueryLog.objects.get()
    assert response["Location"] == log.clicked_url and log.clicked_url.startswith("/bins-and-recycling/")
    assert log.clicked_position == 2 and log.clicked_at is not None
    assert site_client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "evil.example",
        "/%0d%0aSet-Cookie:x=1",
        " //evil.example",
        "",
    ],
)
def test_click_redirect_only_goes_to_paths_on_this_site(site_client, target):
    search(site_client, q="bin day")
    token = SearchQueryLog.objects.get().token
    response = site_client.get("/search/click/", {"t": token, "p": 1, "url": target})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith("/") and not location.startswith("//") and "\\" not in location
        assert "\n" not in location and "\r" not in location
    else:
        assert SearchQueryLog.objects.get().clicked_url == ""


def test_click_keeps_only_the_path_and_survives_a_bad_token(site_client):
    search(site_client, q="bin day")
    log = SearchQueryLog.objects.get()
    response = site_client.get("/search/click/", {"t": log.token, "p": 1, "url": "/council-tax/pay/?ref=x#y"})
    assert response.status_code == 302 and response["Location"] == "/council-tax/pay/?ref=x#y"
    log.refresh_from_db()
    assert log.clicked_url == "/council-tax/pay/"
    response = site_client.get("/search/click/", {"t": "not-a-token", "url": "/council-tax/pay/"})
    assert response.status_code == 302 and response["Location"] == "/council-tax/pay/"
