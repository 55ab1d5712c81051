"""Remote test answers count for the "Customer-tested publishing" focus-group gate through one focus-group session
per test, on the tested revision's words: the gate passes once the thresholds are met (5 residents, 80% managed,
ease 4 by default), and not for a draft whose words changed materially after the test."""
from decimal import Decimal

import pytest
from resident_panel.answering import record_answers
from resident_panel.models import Invitation
from wagtail.models import TaskState

from governance.content import page_text
from governance.models import FocusGroupSession, FocusGroupTask

from .conftest import DRAFT_SUMMARY, make_member

pytestmark = pytest.mark.django_db


def submit(page, user):
    """Start Customer-tested publishing on the page's latest revision; its focus-group task state."""
    state = page.get_workflow().start(page, user)
    state.refresh_from_db()
    task_state = state.current_task_state
    assert isinstance(task_state.task.specific, FocusGroupTask)  # the plain-English check passed by itself
    return task_state


def answer(site_client, test, bins, n, managed="yes", ease="5"):
    """Panel member n takes the test through their link."""
    member = make_member(f"resident{n}@example.org", bins)
    invitation = Invitation.objects.create(test=test, member=member)
    data = {}
    for task in test.tasks.all():
        data.update({f"managed_{task.pk}": managed, f"ease_{task.pk}": ease, f"in_the_way_{task.pk}": ""})
    assert site_client.post(f"/testing/{invitation.token}/questions/", data).status_code == 302


def test_the_focus_group_task_passes_once_the_answers_meet_the_thresholds(
    site_client, remote_test, missed_bin_page, editor, draft, bins
):
    task_state = submit(missed_bin_page, editor)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.revision == draft  # the tested revision is the one in the workflow

    for n in range(3):
        answer(site_client, remote_test, bins, n)
    answer(site_client, remote_test, bins, 3, managed="no", ease="3")
    session = FocusGroupSession.objects.get()  # one session for the test, updated as answers arrive
    assert session.remote_test == remote_test
    assert session.participants == 4 and session.ease_rating == Decimal("4.5")
    assert session.content_text == page_text(draft.as_object()) and DRAFT_SUMMARY in session.content_text
    assert [(r.task, r.completed_without_help) for r in session.task_results.all()] == [
        ("Find out when we will come back for your bin", 3)
    ]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS  # 4 residents: at least 5 needed

    answer(site_client, remote_test, bins, 4)  # 5 residents, 4 of 5 managed it (80%), ease 4.6
    assert FocusGroupSession.objects.count() == 1
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert "5 residents" in task_state.comment


def test_answers_below_the_thresholds_do_not_pass_the_gate(site_client, remote_test, missed_bin_page, editor, bins):
    task_state = submit(missed_bin_page, editor)
    for n in range(6):
        answer(site_client, remote_test, bins, n, managed="no" if n < 2 else "yes")  # at most 4 of 6 = 67%
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert FocusGroupSession.objects.get().participants == 6


def test_a_draft_changed_materially_after_the_test_is_not_passed_by_it(
    site_client, remote_test, missed_bin_page, editor, bins
):
    missed_bin_page.summary = "Something quite different."
    missed_bin_page.body = []  # most of the words go
    missed_bin_page.save_revision(user=editor)
    task_state = submit(missed_bin_page, editor)
    for n in range(6):
        answer(site_client, remote_test, bins, n)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    session = FocusGroupSession.objects.get()
    assert session.participants == 6 and DRAFT_SUMMARY in session.content_text  # kept on the words tested


def test_no_session_before_anyone_answers_and_answers_without_the_form_count_the_same(remote_test, bins):
    assert remote_test.session is None
    member = make_member("direct@example.org", bins)
    invitation = Invitation.objects.create(test=remote_test, member=member)
    task = remote_test.tasks.get()
    assert record_answers(invitation, [(task, True, 4, "")]) is True
    assert record_answers(invitation, [(task, False, 1, "")]) is False  # once per invitation
    remote_test.refresh_from_db()
    assert remote_test.session.participants == 1 and remote_test.session.ease_rating == 4


def test_editors_see_the_results_without_names(client, site_client, remote_test, editor, bins):
    answer(site_client, remote_test, bins, 0, managed="no", ease="2")
    client.force_login(editor)
    html = client.get(f"/admin/remote_tests/results/{remote_test.pk}/").content.decode()
    assert "0% (0 of 1)" in html and "resident0@example.org" not in html
    assert "Average ease" in html and "2.0" in html
