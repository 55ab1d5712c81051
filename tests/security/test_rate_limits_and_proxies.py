"""Issue 11, item 6: the real client address behind a trusted proxy only; search and autocomplete limited."""
import json

import pytest
from django.test import Client, RequestFactory, override_settings

from sitewide.client_ip import client_ip

pytestmark = pytest.mark.django_db


def request_from(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_the_client_is_the_first_address_not_added_by_a_trusted_proxy():
    assert client_ip(request_from("127.0.0.1", "198.51.100.4")) == "198.51.100.4"
    assert client_ip(request_from("127.0.0.1", "1.2.3.4, 198.51.100.4, 10.0.0.5")) == "198.51.100.4"
    assert client_ip(request_from("203.0.113.1", "198.51.100.4")) == "203.0.113.1"  # not from our proxy
    assert client_ip(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=[])
def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_ip(request_from("203.0.113.1", "198.51.100.4")) == "203.0.113.1"


def chat(client, forwarded):
    body = json.dumps({"sender": "resident-1234", "message": "", "page": "/"})
    return client.post("/api/chat/", body, content_type="application/json", HTTP_X_FORWARDED_FOR=forwarded)


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], CHAT_RATE_LIMIT="3/m")
def test_behind_the_proxy_each_resident_has_their_own_chat_limit():
    proxy = Client(HTTP_HOST="localhost", REMOTE_ADDR="127.0.0.1")
    assert [chat(proxy, "198.51.100.1").status_code for _ in range(4)] == [400, 400, 400, 429]
    assert chat(proxy, "198.51.100.2").status_code == 400  # another resident behind the same proxy


@override_settings(TRUSTED_PROXIES=[], CHAT_RATE_LIMIT="3/m")
def test_a_resident_cannot_reset_their_limit_by_forging_the_header():
    direct = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.5")
    assert [chat(direct, f"198.51.100.{n}").status_code for n in range(4)] == [400, 400, 400, 429]


@override_settings(SEARCH_PAGE_RATE_LIMIT="3/m", AUTOCOMPLETE_RATE_LIMIT="3/m")
@pytest.mark.parametrize("url", ["/search/?q=bins", "/api/search/autocomplete/?q=bin"])
def test_search_and_autocomplete_are_rate_limited(site_client, url):
    assert [site_client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
