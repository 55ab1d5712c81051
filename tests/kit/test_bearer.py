"""Issue 22: one bearer-token check for the bot API and the search API (kit.bearer)."""
from django.test import RequestFactory

from kit.bearer import carries_bearer_token


def request_with(authorization=None):
    extra = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    return RequestFactory().get("/", **extra)


def test_only_the_exact_token_is_accepted():
    assert carries_bearer_token(request_with("Bearer s3cret"), "s3cret")
    assert not carries_bearer_token(request_with("Bearer s3cre"), "s3cret")
    assert not carries_bearer_token(request_with("s3cret"), "s3cret")
    assert not carries_bearer_token(request_with(), "s3cret")


def test_no_token_configured_matches_nothing():
    assert not carries_bearer_token(request_with("Bearer "), "")
    assert not carries_bearer_token(request_with(), "")


def test_a_header_that_is_not_ascii_is_refused_not_an_error():
    assert not carries_bearer_token(request_with("Bearer s3crét"), "s3cret")
