"""Remote tests in the admin: made for a page's latest draft, invitations sent once each to confirmed members of the
chosen topics, results shown without names, and panel members' emails only with the permission."""
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone
from resident_panel.invitations import send_invitations
from resident_panel.models import Invitation, PanelMember, RemoteTest

from governance.content import page_text

from .conftest import DRAFT_SUMMARY, make_member, make_test

pytestmark = pytest.mark.django_db


def test_a_test_pins_the_pages_latest_revision_and_its_words(remote_test, draft):
    assert remote_test.revision == draft
    assert DRAFT_SUMMARY in remote_test.content_text
    assert remote_test.content_text == page_text(draft.as_object())


def test_inviting_emails_each_confirmed_member_of_the_topics_once(remote_test, bins, council_tax, mailoutbox):
    chosen = [make_member(f"bins{n}@example.org", bins) for n in range(3)]
    make_member("both@example.org", bins, council_tax)
    make_member("unconfirmed@example.org", bins, confirmed=False)
    make_member("tax@example.org", council_tax)
    assert send_invitations(remote_test) == 4
    recipients = sorted(email.to[0] for email in mailoutbox)
    assert recipients == sorted([m.email for m in chosen] + ["both@example.org"])
    assert all("/testing/" in email.body and "/testing-panel/leave/" in email.body for email in mailoutbox)
    tokens = {email.body.split("/testing/")[1].split("/")[0] for email in mailoutbox}
    assert len(tokens) == 4  # a personal link each
    assert send_invitations(remote_test) == 0  # never twice
    assert len(mailoutbox) == 4
    assert RemoteTest.objects.get().invitations_sent_at is not None


def test_at_most_the_number_asked_for_and_not_after_the_end_date(draft, missed_bin_page, bins, mailoutbox):
    for n in range(5):
        make_member(f"m{n}@example.org", bins)
    test = make_test(missed_bin_page, bins, max_invitations=2)
    assert send_invitations(test) == 2
    assert send_invitations(test) == 0
    ended = make_test(missed_bin_page, bins, days=-1)
    assert send_invitations(ended) == 0
    assert len(mailoutbox) == 2


def test_members_are_not_invited_more_than_twice_a_month(draft, missed_bin_page, bins, mailoutbox):
    make_member("sam@example.org", bins)
    assert send_invitations(make_test(missed_bin_page, bins)) == 1
    assert send_invitations(make_test(missed_bin_page, bins)) == 0  # invited days ago
    with time_machine.travel(timezone.now() + timedelta(days=17)):
        assert send_invitations(make_test(missed_bin_page, bins, days=30)) == 1


def test_an_editor_makes_a_test_and_sends_the_invitations_from_the_admin(
    client, editor, draft, missed_bin_page, bins, mailoutbox
):
    make_member("sam@example.org", bins)
    client.force_login(editor)
    assert client.get("/admin/remote_tests/new/").status_code == 200
    data = {
        "name": "Missed bin: new summary",
        "page": missed_bin_page.pk,
        "topics": [bins.pk],
        "max_invitations": "10",
        "ends_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "tasks-TOTAL_FORMS": "1", "tasks-INITIAL_FORMS": "0", "tasks-MIN_NUM_FORMS": "1", "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-task": "Find out when we will come back for your bin", "tasks-0-ORDER": "1", "tasks-0-id": "",
        "tasks-0-DELETE": "",
    }
    response = client.post("/admin/remote_tests/new/", data)
    test = RemoteTest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/remote_tests/results/{test.pk}/"
    assert test.created_by == editor and test.revision == draft
    assert [task.task for task in test.tasks.all()] == ["Find out when we will come back for your bin"]
    results = client.get(f"/admin/remote_tests/results/{test.pk}/").content.decode()
    assert "Send invitations" in results and "sam@example.org" not in results
    response = client.post(f"/admin/remote_tests/invite/{test.pk}/", follow=True)
    assert "Sent 1 invitation" in response.content.decode()
    assert [email.to for email in mailoutbox] == [["sam@example.org"]]
    client.post(f"/admin/remote_tests/invite/{test.pk}/")
    assert len(mailoutbox) == 1 and Invitation.objects.count() == 1
    assert "Remote tests" in client.get("/admin/").content.decode()  # in the menu


def test_a_test_needs_a_task_and_an_end_date_not_past(client, editor, draft, missed_bin_page):
    client.force_login(editor)
    data = {
        "name": "No tasks", "page": missed_bin_page.pk, "max_invitations": "10",
        "ends_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "tasks-TOTAL_FORMS": "0", "tasks-INITIAL_FORMS": "0", "tasks-MIN_NUM_FORMS": "1", "tasks-MAX_NUM_FORMS": "1000",
    }
    html = client.post("/admin/remote_tests/new/", data).content.decode()
    assert "The end date must be today or later." in html
    assert not RemoteTest.objects.exists()


def test_members_emails_are_shown_only_with_the_permission(client, editor, make_user, bins):
    member = make_member("sam@example.org", bins)
    client.force_login(editor)
    html = client.get("/admin/testing-panel/").content.decode()
    assert "1 confirmed member" in html and "sam@example.org" not in html
    client.post(f"/admin/testing-panel/members/{member.pk}/remove/")  # refused (the admin's permission denied)
    assert PanelMember.objects.exists()
    manager = make_user("panel-manager", "Editors")
    manager.user_permissions.add(Permission.objects.get(codename="view_panel_member_emails"))
    client.force_login(manager)
    assert "sam@example.org" in client.get("/admin/testing-panel/").content.decode()
    client.post(f"/admin/testing-panel/members/{member.pk}/remove/")
    assert not PanelMember.objects.exists()
    client.force_login(make_user("resident-user"))
    assert client.get("/admin/testing-panel/").status_code == 302  # not for residents


def test_a_governed_page_offers_a_remote_test_of_its_draft(client, editor, missed_bin_page):
    client.force_login(editor)
    url = f"/admin/remote_tests/new/?page={missed_bin_page.pk}"
    assert url in client.get(f"/admin/pages/{missed_bin_page.pk}/edit/").content.decode()
    assert f'name="page" value="{missed_bin_page.pk}"' in client.get(url).content.decode()
