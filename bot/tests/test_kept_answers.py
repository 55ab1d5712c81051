"""A page's chat answer is kept a few seconds per council (actions/api/kept_answers.py): a second resident asking
about the same page is answered without a round trip to the web app; a change is answered within the time the
action server takes to understand it, and a failure is never kept."""
import contextvars

import pytest
import requests
from responses import matchers

from actions import config, council
from actions.api import kept_answers as kept_module
from actions.api.cms import CmsClient, CmsUnavailable

from conftest import API

PAY = {"key": "pay_council_tax"}


@pytest.fixture
def keeping(monkeypatch):
    monkeypatch.setattr(config, "ANSWER_KEEP_SECONDS", 10.0)
    monkeypatch.setattr(config, "KNOWLEDGE_CHECK_SECONDS", 10.0)
    clock = {"now": 1000.0}
    monkeypatch.setattr(kept_module.time, "monotonic", lambda: clock["now"])
    return clock


def answer_with(api, title):
    return api.get(f"{API}/api/bot/answer/", match=[matchers.query_param_matcher(PAY)], json={"title": title})


def test_the_same_page_again_is_answered_without_asking_the_web_app(api, keeping):
    calls = answer_with(api, "Pay your Council Tax")
    first = CmsClient().answer("pay_council_tax")
    first["title"] = "changed by a caller"  # each caller has its own copy
    assert CmsClient().answer("pay_council_tax")["title"] == "Pay your Council Tax"
    assert calls.call_count == 1


def test_a_changed_page_is_answered_anew_once_its_time_is_up(api, keeping):
    answer_with(api, "Pay your Council Tax")
    CmsClient().answer("pay_council_tax")
    api.replace("GET", f"{API}/api/bot/answer/", json={"title": "Pay your Council Tax online"})
    keeping["now"] += 10.5
    assert CmsClient().answer("pay_council_tax")["title"] == "Pay your Council Tax online"


def test_never_kept_longer_than_a_change_takes_to_be_understood(api, keeping, monkeypatch):
    monkeypatch.setattr(config, "KNOWLEDGE_CHECK_SECONDS", 0.0)  # as in the end-to-end tests
    calls = answer_with(api, "Pay your Council Tax")
    CmsClient().answer("pay_council_tax")
    CmsClient().answer("pay_council_tax")
    assert calls.call_count == 2


def test_each_council_has_its_own_answers(api, keeping):
    calls = answer_with(api, "Pay your Council Tax")
    CmsClient().answer("pay_council_tax")
    contextvars.copy_context().run(lambda: (council.use("fellside.localhost"), CmsClient().answer("pay_council_tax")))
    assert calls.call_count == 2


def test_a_failure_is_not_kept(api, keeping):
    api.get(f"{API}/api/bot/answer/", body=requests.ConnectionError("down"))
    with pytest.raises(CmsUnavailable):
        CmsClient().answer("pay_council_tax")
    api.replace("GET", f"{API}/api/bot/answer/", json={"title": "Pay your Council Tax"})
    assert CmsClient().answer("pay_council_tax")["title"] == "Pay your Council Tax"
