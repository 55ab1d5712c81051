"""Joining the resident testing panel: double opt-in by email, a leave link in every email that deletes the member in
one click, the entry points (page feedback's thanks, My Account), and bad input."""
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from resident_panel.membership import forget_unconfirmed
from resident_panel.models import PanelMember

from sitewide.scheduled import registered_jobs, run_due

from .conftest import make_member

pytestmark = pytest.mark.django_db
JOIN = "/testing-panel/join/"


def join(client, bins, **changes):
    data = {"email": "Sam@Example.org", "first_name": "Sam", "topics": [bins.pk], "consent": "on", **changes}
    return client.post(JOIN, data)


def link(email, path):
    return re.search(rf"https?://[^\s]+({re.escape(path)}[^\s]+/)", email.body).group(1)


def test_the_join_page_says_what_residents_agree_to(client, bins):
    html = client.get(JOIN).content.decode()
    for words in ("What we will send you", "at most twice a month", "leave at any time", "What we keep",
                  "without your name or email address", "Bins and recycling", "Join the panel"):
        assert words in html
    assert 'name="website"' in html  # the honeypot


def test_joining_sends_a_confirm_email_and_nothing_else_until_it_is_confirmed(client, bins, mailoutbox):
    response = join(client, bins)
    assert "Check your email" in response.content.decode()
    member = PanelMember.objects.get()
    assert member.email == "sam@example.org" and member.confirmed_at is None
    assert list(member.topics.all()) == [bins]
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["sam@example.org"] and "Confirm" in email.subject
    assert "/testing-panel/leave/" in email.body  # a way out, even before joining

    confirm = link(email, "/testing-panel/confirm/")
    page = client.get(confirm)  # what a mail scanner does: a page with a button, nothing confirmed
    assert page.status_code == 200 and "Join the panel" in page.content.decode()
    assert PanelMember.objects.get().confirmed_at is None
    assert "You have joined" in client.post(confirm).content.decode()
    assert PanelMember.objects.get().confirmed_at is not None
    assert len(mailoutbox) == 1


def test_the_leave_link_deletes_the_member_in_one_click_without_signing_in(client, bins, mailoutbox):
    join(client, bins)
    leave = link(mailoutbox[0], "/testing-panel/leave/")
    response = client.get(leave)
    assert response.status_code == 200 and "deleted your email address" in response.content.decode()
    assert not PanelMember.objects.exists()
    assert client.get(leave).status_code == 200  # a second click is fine too


def test_someone_already_on_the_panel_is_not_changed_by_another_join(client, bins, council_tax, mailoutbox):
    make_member("sam@example.org", bins, first_name="Sam")
    join(client, bins, topics=[council_tax.pk], first_name="Mallory")
    member = PanelMember.objects.get()
    assert member.first_name == "Sam" and list(member.topics.all()) == [bins]
    assert "already on" in mailoutbox[-1].subject and "/testing-panel/leave/" in mailoutbox[-1].body


def test_consent_topics_and_a_real_email_are_needed_and_what_was_typed_is_kept(client, bins, mailoutbox):
    html = client.post(JOIN, {"email": "not an email", "first_name": "Sam", "topics": [bins.pk]}).content.decode()
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
    assert "Select that you agree" in html
    assert 'value="not an email"' in html and 'value="Sam"' in html
    assert re.search(rf'value="{bins.pk}"\s+checked', html)
    html = join(client, bins, topics=[]).content.decode()
    assert "Select at least one topic" in html
    html = join(client, bins, topics=["99999999", "abc"]).content.decode()
    assert "Select topics from the list" in html
    assert not PanelMember.objects.exists() and not mailoutbox


def test_odd_input_gets_a_clear_message_and_no_crash(client, bins, mailoutbox):
    html = join(client, bins, first_name="S" * 500).content.decode()
    assert "Your first name must be 100 characters or fewer" in html
    assert "S" * 500 in html  # kept, to be shortened
    response = join(client, bins, first_name="Sa\x00m\u202e \U0001f600", email="sam\x00@example.org")
    assert response.status_code == 200
    member = PanelMember.objects.get()
    assert member.first_name == "Sam \U0001f600" and member.email == "sam@example.org"


def test_a_filled_honeypot_is_thanked_and_thrown_away(client, bins, mailoutbox):
    response = join(client, bins, website="http://spam.example.org")
    assert "Check your email" in response.content.decode()
    assert not PanelMember.objects.exists() and not mailoutbox


@override_settings(FORM_RATE_LIMIT="2/m")
def test_joining_is_rate_limited(client, bins):
    assert join(client, bins, email="a@example.org").status_code == 200
    assert join(client, bins, email="b@example.org").status_code == 200
    assert join(client, bins, email="c@example.org").status_code == 429
    assert PanelMember.objects.count() == 2


def test_my_account_links_to_the_panel_with_the_accounts_email_filled_in(client, django_user_model):
    user = django_user_model.objects.create_user("jo", email="jo@example.org", password="pw")
    client.force_login(user)
    assert 'href="/testing-panel/join/"' in client.get("/account/").content.decode()
    assert 'value="jo@example.org"' in client.get(JOIN).content.decode()


def test_the_page_feedback_thanks_links_to_the_panel(site_client):
    response = site_client.post("/feedback/", {"path": "/bins-and-recycling/", "useful": "yes"}, follow=True)
    html = response.content.decode()
    assert "Thank you for your feedback." in html and 'href="/testing-panel/join/"' in html


def test_sign_ups_nobody_confirmed_are_forgotten_after_a_week(bins):
    make_member("waiting@example.org", bins, confirmed=False)
    make_member("member@example.org", bins)
    assert forget_unconfirmed() == 0
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        jobs = [job for job in registered_jobs() if job.name == "testing panel sign-ups"]
        said = run_due(timezone.now(), jobs)
    assert said == {"testing panel sign-ups": "Deleted 1 unconfirmed testing panel sign-ups."}
    assert list(PanelMember.objects.values_list("email", flat=True)) == ["member@example.org"]
