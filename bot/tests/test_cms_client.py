"""The HTTP client for the web app's bot API, against a fake server."""

import pytest
import requests
import responses
from responses import matchers

from actions.api.cms import BadRequest, CmsClient, CmsUnavailable, NotFound

from conftest import API, request_json


@pytest.fixture
def client():
    return CmsClient(base_url=API + "/", timeout=1)


def test_answer_sends_the_chat_key_as_a_query_parameter(api, client):
    api.get(
        f"{API}/api/bot/answer/",
        match=[matchers.query_param_matcher({"key": "pay_council_tax"})],
        json={"path": "/council-tax/pay/", "title": "Pay your Council Tax"},
    )
    assert client.answer("pay_council_tax")["title"] == "Pay your Council Tax"


def test_pages_keeps_entries_with_a_key(api, client):
    api.get(f"{API}/api/bot/pages/", json={"pages": [{"key": "a", "url": "/a/"}, {"url": "/b/"}, "x"]})
    assert client.pages() == [{"key": "a", "url": "/a/"}]


def test_search_asks_for_a_limit_and_keeps_results_with_urls(api, client):
    api.get(
        f"{API}/api/search/",
        match=[matchers.query_param_matcher({"q": "tip", "limit": "3"})],
        json={"query": "tip", "count": 2, "results": [
            {"title": "Recycling centres", "url": "/bins-and-recycling/recycling-centres/"},
            {"title": "No url"},
        ]},
    )
    assert client.search("tip") == [
        {"title": "Recycling centres", "url": "/bins-and-recycling/recycling-centres/"}
    ]


def test_council_and_bin_day(api, client):
    api.get(f"{API}/api/bot/council/", json={"phone": "01632 960000"})
    api.get(
        f"{API}/api/bot/bin-day/",
        match=[matchers.query_param_matcher({"postcode": "WM1 1AA"})],
        json={"postcode": "WM1 1AA", "collections": []},
    )
    assert client.council()["phone"] == "01632 960000"
    assert client.bin_day("WM1 1AA")["postcode"] == "WM1 1AA"


def test_posts_send_json(api, client):
    api.post(f"{API}/api/bot/handoff/", status=201, json={"reference": "HO-1"})
    api.post(f"{API}/api/bot/unanswered/", status=201, json={"ok": True})
    assert client.handoff({"sender_id": "a"}) == {"reference": "HO-1"}
    assert client.unanswered({"text": "x"}) == {"ok": True}
    assert request_json(api.calls[0]) == {"sender_id": "a"}
    assert request_json(api.calls[1]) == {"text": "x"}


def test_404_and_400_are_their_own_errors(api, client):
    api.get(f"{API}/api/bot/answer/", status=404, json={"error": "not_found"})
    api.get(f"{API}/api/bot/bin-day/", status=400,
            json={"error": "invalid_postcode", "message": "Not a postcode"})
    with pytest.raises(NotFound):
        client.answer("/nope/")
    with pytest.raises(BadRequest) as excinfo:
        client.bin_day("XX")
    assert excinfo.value.body["error"] == "invalid_postcode"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": 500, "json": {"error": "boom"}},
        {"status": 200, "body": "<html>not json</html>"},
        {"body": requests.ConnectionError("refused")},
        {"body": requests.Timeout("slow")},
    ],
)
def test_server_errors_and_network_failures_mean_unavailable(api, client, kwargs):
    api.get(f"{API}/api/bot/council/", **kwargs)
    with pytest.raises(CmsUnavailable):
        client.council()


def test_default_client_uses_web_api_url_from_the_environment(monkeypatch):
    import importlib

    from actions import config

    monkeypatch.setenv("WEB_API_URL", "http://web.example:9000/")
    monkeypatch.setenv("WEB_API_TIMEOUT", "2.5")
    reloaded = importlib.reload(config)
    try:
        assert reloaded.WEB_API_URL == "http://web.example:9000"
        assert reloaded.WEB_API_TIMEOUT == 2.5
    finally:
        monkeypatch.delenv("WEB_API_URL")
        monkeypatch.delenv("WEB_API_TIMEOUT")
        importlib.reload(config)
    assert config.WEB_API_URL == "http://127.0.0.1:8000"


def test_responses_library_blocks_real_network(api, client):
    # Nothing registered: the fake server refuses, the client reports unavailable.
    with pytest.raises(CmsUnavailable):
        client.council()
    assert isinstance(api, responses.RequestsMock)


def test_sends_the_bot_api_token_when_configured(api):
    api.get(f"{API}/api/bot/council/",
            match=[matchers.header_matcher({"Authorization": "Bearer s3cret"})],
            json={"phone": "01632 960000"})
    assert CmsClient(base_url=API, token="s3cret").council() == {"phone": "01632 960000"}


def test_wrong_token_means_unavailable(api):
    api.get(f"{API}/api/bot/council/", status=403, json={"error": "forbidden"})
    with pytest.raises(CmsUnavailable):
        CmsClient(base_url=API, token="wrong").council()


def test_no_authorization_header_without_a_token(api):
    api.get(f"{API}/api/bot/council/", json={})
    CmsClient(base_url=API, token="").council()
    assert "Authorization" not in api.calls[0].request.headers


def test_calls_to_the_web_app_share_one_open_connection(json_server):
    # A new session for every call opened a connection for every call, in every chat turn.
    url, calls = json_server
    for token in ("s3cret", "", "other"):
        assert CmsClient(base_url=url, token=token).council() == {"events": [], "responses": []}
    assert len({port for port, _ in calls}) == 1
    # Each client's own token, never one left behind on the shared session by another
    assert [token for _, token in calls] == ["Bearer s3cret", None, "Bearer other"]
