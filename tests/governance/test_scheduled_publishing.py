"""Go-live and expiry dates on governed pages: only the workflow's final approval schedules, the one scheduling
mechanism (`run_due`) publishes at the time, and the gates the revision passed carry over to that moment."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState

from cms_pages.models import TaskPage
from governance.models import PublicationRecord
from governance.publishing import LOG_ACTION
from sitewide.scheduled import registered_jobs, run_due
from tests.conftest import westmere

from .helpers import edit_form_data, record_session

pytestmark = pytest.mark.django_db
NEW_SUMMARY = "Pay your Council Tax online with a debit card. It takes 5 minutes."


@pytest.fixture
def pay_page():
    return TaskPage.objects.get(**westmere("/council-tax/pay/"))


def publishing_jobs():
    jobs = [job for job in registered_jobs() if "scheduled pages" in job.name]
    assert len(jobs) == 1, "the scheduled pages job is registered once with run_due"
    return jobs


def pass_the_workflow(page, editor, service_owner):
    """Submitted as the editor saved it; the focus-group results already meet the rule; the owner approves."""
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    state.refresh_from_db()
    task_state = state.current_task_state.specific
    assert task_state.task.name == "Service owner approval"
    task_state.task.specific.on_action(task_state, service_owner, "approve")
    return state


def test_the_final_approval_schedules_and_the_page_goes_live_at_its_time_with_its_gates(
    pay_page, editor, service_owner, moderator
):
    record_session(pay_page, participants=6, completed=6, user=moderator)
    go_live = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    before = pay_page.summary
    pay_page.summary = NEW_SUMMARY
    pay_page.go_live_at = go_live
    pass_the_workflow(pay_page, editor, service_owner)

    page = TaskPage.objects.get(pk=pay_page.pk)
    revision = page.get_latest_revision()
    assert page.summary == before  # approved, not yet live
    assert revision.approved_go_live_at == go_live
    record = PublicationRecord.objects.get(page=page, revision=revision)
    assert record.route == PublicationRecord.Route.WORKFLOW and record.published_at is None
    gates = [gate["gate"] for gate in record.gates]
    assert gates == ["Plain-English check", "Focus-group test", "Service owner approval"]

    run_due(timezone.now(), publishing_jobs())  # before its time: nothing happens
    assert TaskPage.objects.get(pk=page.pk).summary == before

    with time_machine.travel(go_live + timedelta(minutes=1)):
        run_due(timezone.now(), publishing_jobs())
    page = TaskPage.objects.get(pk=page.pk)
    assert page.summary == NEW_SUMMARY and page.live_revision_id == revision.pk
    record.refresh_from_db()
    assert record.published_at is not None and record.route == PublicationRecord.Route.WORKFLOW
    assert PublicationRecord.objects.filter(page=page, revision=revision).count() == 1
    entry = PageLogEntry.objects.filter(page=page, action=LOG_ACTION).latest("timestamp")
    assert entry.data["route"] == "workflow"
    assert len(entry.data["gates"]) == 3


def test_an_expiry_date_takes_the_page_down_at_its_time(pay_page, editor, service_owner, moderator):
    record_session(pay_page, participants=6, completed=6, user=moderator)
    expire = timezone.now() + timedelta(days=30)
    pay_page.summary = NEW_SUMMARY
    pay_page.expire_at = expire
    pass_the_workflow(pay_page, editor, service_owner)
    assert TaskPage.objects.get(pk=pay_page.pk).live  # no go-live date: live at once
    with time_machine.travel(expire + timedelta(minutes=1)):
        run_due(timezone.now(), publishing_jobs())
    page = TaskPage.objects.get(pk=pay_page.pk)
    assert not page.live and page.expired


def test_a_scheduled_page_that_has_not_passed_the_focus_group_test_is_not_scheduled(pay_page, editor):
    pay_page.summary = NEW_SUMMARY
    pay_page.go_live_at = timezone.now() + timedelta(days=1)
    pay_page.save_revision(user=editor)
    state = pay_page.get_workflow().start(pay_page, editor)
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Focus-group test"
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not pay_page.revisions.filter(approved_go_live_at__isnull=False).exists()
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        run_due(timezone.now(), publishing_jobs())
    assert TaskPage.objects.get(pk=pay_page.pk).summary != NEW_SUMMARY


def test_the_edit_view_submits_a_go_live_date_with_the_page(client, pay_page, editor, service_owner, moderator):
    """The editor sets the date in the admin's Schedule publishing fields and submits: the workflow carries it."""
    client.force_login(editor)
    go_live = timezone.localtime(timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    data = edit_form_data(
        client, pay_page, summary=NEW_SUMMARY, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-submit": "action-submit"},
    )
    response = client.post(f"/admin/pages/{pay_page.pk}/edit/", data)
    assert response.status_code == 302
    record_session(pay_page, participants=6, completed=6, user=moderator)  # residents test the submitted words
    state = TaskPage.objects.get(pk=pay_page.pk).current_workflow_state
    task_state = state.current_task_state.specific
    assert task_state.task.name == "Service owner approval"
    task_state.task.specific.on_action(task_state, service_owner, "approve")
    revision = TaskPage.objects.get(pk=pay_page.pk).get_latest_revision()
    assert revision.approved_go_live_at == go_live
    html = client.get(f"/admin/governance/pages/{pay_page.pk}/").content.decode()
    assert "Goes live on" in html
