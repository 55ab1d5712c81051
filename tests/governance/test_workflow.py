"""The "Customer-tested publishing" workflow: plain-English check -> focus-group test -> service owner."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Page, TaskState, WorkflowState

from cms_pages.models import GuidePartPage, ServiceAreaPage, StepByStepPage, TaskPage
from governance.models import FocusGroupTask, PlainEnglishTask
from governance.workflow import WORKFLOW_NAME
from tests.conftest import westmere

from .helpers import record_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def pay_page():
    return TaskPage.objects.get(**westmere("/council-tax/pay/"))


def submit(page, user):
    page.save_revision(user=user)
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    return workflow.start(page, user)


def test_the_workflow_has_three_tasks_in_order_and_governs_task_guide_and_journey_pages():
    page = TaskPage.objects.first()
    tasks = [task.specific for task in page.get_workflow().tasks]
    # the approval is by the page's council (governance/council_approval.py): each council's service owners
    assert [type(task).__name__ for task in tasks] == ["PlainEnglishTask", "FocusGroupTask", "CouncilApprovalTask"]
    assert [group.name for group in tasks[2].groups.order_by("name")] == ["Fellside service owners", "Service owners"]
    for model in (TaskPage, StepByStepPage, GuidePartPage):  # guide parts follow their guide
        assert all(p.get_workflow().name == WORKFLOW_NAME for p in model.objects.all())
    # other pages keep Wagtail's default "Moderators approval" workflow
    assert ServiceAreaPage.objects.first().get_workflow().name != WORKFLOW_NAME
    assert Page.objects.get(depth=2, slug="home").get_workflow().name != WORKFLOW_NAME


def test_a_new_task_page_is_governed_at_once():
    area = ServiceAreaPage.objects.first()
    page = area.add_child(instance=TaskPage(title="Report a pothole", slug="report-a-pothole", summary="Report one."))
    assert page.get_workflow().name == WORKFLOW_NAME


def test_a_page_that_fails_the_plain_english_check_goes_back_to_the_editor_and_is_not_published(pay_page, editor):
    live_summary = pay_page.summary
    pay_page.summary = "Utilise our online service in order to facilitate payment prior to the due date."
    state = submit(pay_page, editor)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = state.current_task_state.specific
    assert isinstance(task_state.task.specific, PlainEnglishTask)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert "Words to avoid" in task_state.comment
    pay_page.refresh_from_db()
    assert pay_page.summary == live_summary  # the live page is unchanged
    assert pay_page.has_unpublished_changes


def test_a_page_cannot_pass_the_focus_group_task_until_the_results_meet_the_thresholds(pay_page, moderator):
    state = submit(pay_page, moderator)
    state.refresh_from_db()
    task_state = state.current_task_state.specific
    task = task_state.task.specific
    assert isinstance(task, FocusGroupTask)  # the plain-English check passed by itself
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert [name for name, *_ in task.get_actions(pay_page, moderator)] == ["reject"]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, moderator, "approve")

    record_session(pay_page, participants=3, completed=3, user=moderator)  # too few people
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    record_session(pay_page, participants=3, completed=2, user=moderator)  # 5 of 6 = 83%
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Service owner approval"
    assert not TaskPage.objects.get(pk=pay_page.pk).live_revision == pay_page.get_latest_revision()


def test_the_service_owner_approves_and_the_page_is_published(pay_page, editor, service_owner, moderator):
    record_session(pay_page, participants=6, completed=6, user=moderator)
    pay_page.summary = "Pay your Council Tax online with a debit card. It takes 5 minutes."
    state = submit(pay_page, editor)
    state.refresh_from_db()
    task_state = state.current_task_state.specific
    task = task_state.task.specific
    assert task.name == "Service owner approval"  # both earlier tasks passed at once
    assert task.get_actions(pay_page, editor) == []
    task.on_action(task_state, service_owner, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page = TaskPage.objects.get(pk=pay_page.pk)
    assert page.summary == "Pay your Council Tax online with a debit card. It takes 5 minutes."
    assert not page.has_unpublished_changes


def test_a_session_on_an_older_version_does_not_count_after_a_material_change(pay_page, editor, moderator):
    record_session(pay_page, participants=6, completed=6, user=moderator)
    pay_page.summary = "Pay your Council Tax by direct debit, online, by phone, or at any post office counter."
    body = pay_page.body.raw_data
    pay_page.body = body[:1]
    state = submit(pay_page, editor)
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Focus-group test"
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
