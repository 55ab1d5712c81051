"""Taking a remote test from a personal link: the exact draft revision, without signing in; the answers, once, against
that revision; the link ends with the test; never indexed and never cached."""
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from resident_panel.invitations import send_invitations
from resident_panel.models import Invitation, PanelMember, RemoteTestResponse, TaskAnswer

from .conftest import DRAFT_SUMMARY, MISSED_BIN, make_member, make_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(remote_test, bins, mailoutbox):
    make_member("sam@example.org", bins)
    send_invitations(remote_test)
    return mailoutbox[-1].body.split("/testing/")[1].split("/")[0]


def answers(test, managed="yes", ease="5", in_the_way="", **extra):
    data = {}
    for task in test.tasks.all():
        data.update({f"managed_{task.pk}": managed, f"ease_{task.pk}": ease, f"in_the_way_{task.pk}": in_the_way})
    return {**data, **extra}


def assert_private(response):
    """Not for search engines, not for any cache."""
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "X-Page-Cache" not in response


def test_the_link_shows_the_exact_draft_without_signing_in(site_client, token, remote_test):
    live = site_client.get(MISSED_BIN).content.decode()
    assert DRAFT_SUMMARY not in live  # the draft is not live

    start = site_client.get(f"/testing/{token}/")
    assert start.status_code == 200 and "Find out when we will come back for your bin" in start.content.decode()
    assert f"/testing/{token}/page/" in start.content.decode()
    draft = site_client.get(f"/testing/{token}/page/")
    html = draft.content.decode()
    assert draft.status_code == 200
    assert DRAFT_SUMMARY in html and "Draft for testing: not live" in html
    assert f"/testing/{token}/questions/" in html
    assert html.count('<meta name="robots" content="noindex">') == 1
    # Feedback and subscriptions are about the live page: a draft for testing asks neither.
    assert "Is this page useful?" in live and "Is this page useful?" not in html
    assert "Get emails when this page changes" in live and "Get emails when this page changes" not in html
    assert "frame-ancestors 'none'" in draft["Content-Security-Policy"]  # the public policy, not the preview's
    for response in (start, draft, site_client.get(f"/testing/{token}/questions/")):
        assert_private(response)


def test_a_later_draft_does_not_change_what_the_link_shows(site_client, token, missed_bin_page, editor):
    missed_bin_page.summary = "Report a missed bin online. Someone changed this after the test started."
    missed_bin_page.save_revision(user=editor)
    html = site_client.get(f"/testing/{token}/page/").content.decode()
    assert DRAFT_SUMMARY in html and "Someone changed this" not in html


def test_the_draft_is_never_the_cached_live_page_and_never_cached(site_client, token):
    with override_settings(PAGE_CACHE_SECONDS=60):
        cache.clear()
        assert site_client.get(MISSED_BIN)["X-Page-Cache"] == "miss"  # the live page, now cached
        assert site_client.get(MISSED_BIN)["X-Page-Cache"] == "hit"
        draft = site_client.get(f"/testing/{token}/page/")
        assert DRAFT_SUMMARY in draft.content.decode()
        live = site_client.get(MISSED_BIN)
        assert live["X-Page-Cache"] == "hit" and DRAFT_SUMMARY not in live.content.decode()
        cache.clear()
        site_client.get(f"/testing/{token}/page/")  # with nothing cached: the draft is not stored as the live page
        live = site_client.get(MISSED_BIN)
        assert live["X-Page-Cache"] == "miss" and DRAFT_SUMMARY not in live.content.decode()


def test_answers_are_recorded_once_against_the_invitation_and_revision(site_client, token, remote_test, draft):
    url = f"/testing/{token}/questions/"
    response = site_client.post(url, answers(remote_test, in_the_way="The button was hard to find. Call 07700 900982"))
    assert response.status_code == 302
    thanks = site_client.get(response["Location"])
    assert "Thank you for testing" in thanks.content.decode()
    assert_private(thanks)
    recorded = RemoteTestResponse.objects.get()
    assert recorded.revision == draft and recorded.invitation.token == token
    answer = TaskAnswer.objects.get()
    assert (answer.managed, answer.ease) == (True, 5)
    assert answer.in_the_way == "The button was hard to find. Call [phone]"  # no personal details kept

    again = site_client.post(url, answers(remote_test, managed="no", ease="1"))  # a second send changes nothing
    assert again.status_code == 200 and "kept your first answers" in again.content.decode()
    assert RemoteTestResponse.objects.count() == 1 and TaskAnswer.objects.get().managed is True


def test_after_the_end_date_the_link_says_the_test_has_ended_and_takes_nothing(site_client, token, remote_test):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        for path in ("", "page/", "questions/"):
            response = site_client.get(f"/testing/{token}/{path}")
            assert response.status_code == 410 and "This test has ended" in response.content.decode()
            assert_private(response)
        response = site_client.post(f"/testing/{token}/questions/", answers(remote_test))
        assert response.status_code == 410
    assert not RemoteTestResponse.objects.exists()
    unknown = site_client.get("/testing/not-a-real-token/")
    assert unknown.status_code == 404 and "This test has ended" in unknown.content.decode()


def test_unanswered_questions_and_odd_input_keep_what_was_entered(site_client, token, remote_test):
    task = remote_test.tasks.get()
    url = f"/testing/{token}/questions/"
    html = site_client.post(url, {f"in_the_way_{task.pk}": "Too many words"}).content.decode()
    assert "There is a problem" in html
    assert "Task 1: select yes if you managed it, or no if you did not" in html
    assert "Task 1: select how easy it was, from 1 to 5" in html
    assert "Too many words" in html
    long = "x" * 2001
    html = site_client.post(url, answers(remote_test, in_the_way=long, ease="4")).content.decode()
    assert "Task 1: what got in the way must be 2,000 characters or fewer" in html and long in html
    assert 'value="4" checked' in html
    html = site_client.post(url, answers(remote_test, ease="9")).content.decode()
    assert "Select a valid choice" in html or "select how easy" in html.lower()
    assert not RemoteTestResponse.objects.exists()
    response = site_client.post(url, answers(remote_test, in_the_way="Nul\x00 and \u202eodd\u202c text \U0001f9d0"))
    assert response.status_code == 302
    assert TaskAnswer.objects.get().in_the_way == "Nul and odd text \U0001f9d0"


def test_the_honeypot_and_rate_limit_guard_the_answers(site_client, token, remote_test, missed_bin_page, bins):
    response = site_client.post(f"/testing/{token}/questions/", answers(remote_test, website="spam"))
    assert response.status_code == 302 and not RemoteTestResponse.objects.exists()
    with override_settings(FORM_RATE_LIMIT="1/m"):
        cache.clear()
        site_client.post(f"/testing/{token}/questions/", {})
        assert site_client.post(f"/testing/{token}/questions/", answers(remote_test)).status_code == 429
    assert not RemoteTestResponse.objects.exists()


def test_leaving_the_panel_ends_unused_links_but_keeps_answers(site_client, token, remote_test, bins, mailoutbox):
    member = PanelMember.objects.get()
    unused = Invitation.objects.create(test=make_test(remote_test.page, bins), member=member)
    site_client.post(f"/testing/{token}/questions/", answers(remote_test))
    leave = mailoutbox[-1].body.split("/testing-panel/leave/")[1].split()[0]
    site_client.get(f"/testing-panel/leave/{leave}")
    assert not PanelMember.objects.exists()
    assert RemoteTestResponse.objects.get().invitation.member is None  # the answers stay, without the member
    assert site_client.get(f"/testing/{unused.token}/").status_code == 404  # the unused link is gone
