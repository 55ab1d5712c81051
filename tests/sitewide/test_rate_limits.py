"""Issue 22: one way to limit a client (sitewide.rate_limits), its limits settings read at each request."""
import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django_ratelimit.exceptions import Ratelimited

from sitewide.rate_limits import is_limited, limited_by


@pytest.fixture(autouse=True)
def empty_counters():
    cache.clear()
    yield
    cache.clear()


def post_from(address, **headers):
    return RequestFactory().post("/", REMOTE_ADDR=address, **headers)


@limited_by("FEEDBACK_RATE_LIMIT", method="POST", group="test-limited-by")
def view(request):
    return HttpResponse("ok")


@limited_by("FEEDBACK_RATE_LIMIT", group="test-excused", unless=lambda request: "HTTP_X_EXCUSED" in request.META)
def excused_view(request):
    return HttpResponse("ok")


def test_the_decorator_reads_the_setting_when_the_request_comes():
    with override_settings(FEEDBACK_RATE_LIMIT="2/m"):
        assert [view(post_from("198.51.100.1")).status_code for _ in range(2)] == [200, 200]
        with pytest.raises(Ratelimited):
            view(post_from("198.51.100.1"))
        assert view(post_from("198.51.100.2")).status_code == 200  # another client, its own count
    cache.clear()
    with override_settings(FEEDBACK_RATE_LIMIT="5/m"):
        assert [view(post_from("198.51.100.1")).status_code for _ in range(5)] == [200] * 5


@override_settings(FEEDBACK_RATE_LIMIT="1/m")
def test_the_decorator_counts_only_its_method():
    for _ in range(3):
        assert view(RequestFactory().get("/", REMOTE_ADDR="198.51.100.1")).status_code == 200


@override_settings(FEEDBACK_RATE_LIMIT="1/m")
def test_an_excused_request_is_not_limited():
    for _ in range(3):
        assert excused_view(post_from("198.51.100.1", HTTP_X_EXCUSED="1")).status_code == 200
    assert excused_view(post_from("198.51.100.1")).status_code == 200
    with pytest.raises(Ratelimited):
        excused_view(post_from("198.51.100.1"))


@override_settings(TRACK_RATE_LIMIT="2/m")
def test_is_limited_counts_each_call_per_group_and_client():
    request = post_from("198.51.100.1")
    assert [is_limited(request, "test-track", "TRACK_RATE_LIMIT") for _ in range(3)] == [False, False, True]
    assert is_limited(request, "test-other-group", "TRACK_RATE_LIMIT") is False
    assert is_limited(post_from("198.51.100.2"), "test-track", "TRACK_RATE_LIMIT") is False


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], TRACK_RATE_LIMIT="1/m")
def test_is_limited_keys_on_the_client_behind_the_proxy():
    first = post_from("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = post_from("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert [is_limited(first, "test-proxy", "TRACK_RATE_LIMIT") for _ in range(2)] == [False, True]
    assert is_limited(second, "test-proxy", "TRACK_RATE_LIMIT") is False


@override_settings(ACCOUNT_EMAIL_RATE_LIMIT="1/h")
def test_is_limited_takes_another_key():
    def by_email(group, request):
        return "resident@example.com"

    assert is_limited(post_from("198.51.100.1"), "test-emails", "ACCOUNT_EMAIL_RATE_LIMIT", key=by_email) is False
    assert is_limited(post_from("198.51.100.2"), "test-emails", "ACCOUNT_EMAIL_RATE_LIMIT", key=by_email) is True


def test_the_account_limits_are_settings_with_the_old_defaults(settings):
    assert settings.ACCOUNT_FORM_RATE_LIMIT == "10/m"
    assert settings.ACCOUNT_RESEND_RATE_LIMIT == "3/h"
    assert settings.SEARCH_RATE_LIMIT == "60/m"
