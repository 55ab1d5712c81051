"""JSON endpoints: the chatbot's search API (exact contract, rate limit) and autocomplete."""
import itertools

import pytest
from django.test import override_settings

from search import engine

pytestmark = pytest.mark.django_db

_addresses = itertools.count(10)


def fresh_ip():
    """A different client address per test, so rate-limit counters (shared in Redis on CI) never collide."""
    return f"10.{next(_addresses) % 250}.{next(_addresses) % 250}.{next(_addresses) % 250}"


def api(client, path="/api/search/", **params):
    return client.get(path, params, REMOTE_ADDR=fresh_ip())


def test_contract_exactly(site_client):
    response = api(site_client, q="bin day", limit=3)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"query", "count", "some_words_only", "results"}
    assert data["query"] == "bin day" and data["some_words_only"] is False
    assert isinstance(data["count"], int) and data["count"] >= len(data["results"])
    assert len(data["results"]) == 3
    for result in data["results"]:
        assert set(result) == {"title", "url", "summary"}
        assert result["url"].startswith("/") and result["url"].endswith("/")
        assert result["title"] and result["summary"]
    assert data["results"][0] == {
        "title": "Find your bin collection day",
        "url": "/bins-and-recycling/bin-collection-day/",
        "summary": (
            "Enter your postcode to see your bin day and which bins go out this week: "
            "rubbish, recycling, garden waste and food waste."
        ),
    }


def test_count_is_every_match_not_just_those_returned(site_client):
    data = api(site_client, q="bin", limit=1).json()
    assert len(data["results"]) == 1
    assert data["count"] == engine.search("bin").total > 1


@pytest.mark.parametrize("limit, expected", [(None, 5), ("2", 2), ("20", 20), ("500", 20), ("0", 5), ("x", 5)])
def test_limit_defaults_to_five_and_is_at_most_twenty(site_client, make_page, limit, expected):
    for number in range(25):
        make_page(title=f"Capybara licence {number}", summary="Apply for a capybara licence.")
    params = {"q": "capybara"} | ({"limit": limit} if limit is not None else {})
    data = api(site_client, **params).json()
    assert data["count"] == 25 and len(data["results"]) == expected


def test_empty_and_unmatched_queries(site_client):
    nothing = {"count": 0, "some_words_only": False, "results": []}
    assert api(site_client, q="  ").json() == {"query": "", **nothing}
    assert api(site_client).json() == {"query": "", **nothing}
    assert api(site_client, q="xylophone zeppelin").json() == {"query": "xylophone zeppelin", **nothing}


def test_says_when_no_page_has_every_word(site_client):
    # No page is about allotments: the pages about applying have only some of the words, and the API says so, as
    # the results page does
    data = api(site_client, q="how do I apply for an allotment").json()
    assert data["count"] > 0 and data["some_words_only"] is True
    assert api(site_client, q="apply for a parking permit").json()["some_words_only"] is False


def test_api_applies_synonyms_spelling_and_best_bets(site_client):
    assert api(site_client, q="pcn").json()["results"][0]["url"] == "/parking-and-roads/pay-a-parking-fine/"
    assert api(site_client, q="bin colection").json()["results"][0]["url"] == "/bins-and-recycling/bin-collection-day/"


@override_settings(SEARCH_RATE_LIMIT="3/m")
def test_rate_limited_per_address(site_client):
    address = fresh_ip()
    for _ in range(3):
        assert site_client.get("/api/search/", {"q": "bins"}, REMOTE_ADDR=address).status_code == 200
    limited = site_client.get("/api/search/", {"q": "bins"}, REMOTE_ADDR=address)
    assert limited.status_code == 429 and limited.json()["error"] == "rate_limited"
    assert site_client.get("/api/search/", {"q": "bins"}, REMOTE_ADDR=fresh_ip()).status_code == 200


@override_settings(SEARCH_RATE_LIMIT="1/m", BOT_API_TOKEN="s3cret")
def test_the_chat_action_server_with_its_token_is_not_limited(site_client):
    address = fresh_ip()
    for _ in range(3):
        response = site_client.get(
            "/api/search/", {"q": "bins"}, REMOTE_ADDR=address, HTTP_AUTHORIZATION="Bearer s3cret"
        )
        assert response.status_code == 200
    assert site_client.get("/api/search/", {"q": "bins"}, REMOTE_ADDR=address).status_code == 200
    assert site_client.get("/api/search/", {"q": "bins"}, REMOTE_ADDR=address).status_code == 429


def test_autocomplete_suggests_task_titles(site_client):
    response = api(site_client, "/api/search/autocomplete/", q="bin c")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "results"} and data["query"] == "bin c"
    titles = [result["title"] for result in data["results"]]
    assert titles[0] == "Find your bin collection day"
    assert "Report a missed bin collection" in titles
    assert all(set(result) == {"title", "url"} and result["url"].startswith("/") for result in data["results"])
    assert "Bins and recycling" not in titles  # service areas are not tasks


@pytest.mark.parametrize(
    "typed, title", [("counc", "Pay your Council Tax"), ("pcn", "Pay or challenge a parking fine")]
)
def test_autocomplete_matches_keywords_and_partial_words(site_client, typed, title):
    titles = [result["title"] for result in api(site_client, "/api/search/autocomplete/", q=typed).json()["results"]]
    assert title in titles


def test_autocomplete_falls_back_to_full_search_for_misspellings(site_client):
    titles = [r["title"] for r in api(site_client, "/api/search/autocomplete/", q="counciltax").json()["results"]]
    assert "Pay your Council Tax" in titles


def test_autocomplete_needs_two_letters_and_caps_results(site_client):
    assert api(site_client, "/api/search/autocomplete/", q="b").json()["results"] == []
    assert len(api(site_client, "/api/search/autocomplete/", q="re").json()["results"]) <= 8
