"""The focus-group pass rule, review dates and the needs re-testing report."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cms_pages.models import TaskPage
from governance.focus_group import evaluate
from governance.models import GovernanceSettings, PageReview
from governance.retesting import add_months, pages_needing_retesting
from tests.conftest import westmere

from .helpers import record_session

RULES = SimpleNamespace(min_participants=5, min_completion_percent=80, min_ease_rating=4)


def flagged(reason, today=None):
    """Pages the report lists for `reason` (every demo page is also listed as never tested)."""
    return {s.page.pk: s for s in pages_needing_retesting(today=today) if any(reason in r for r in s.reasons)}


def session(participants, ease, *results):
    rows = [SimpleNamespace(task=task, completed_without_help=done) for task, done in results]
    return SimpleNamespace(participants=participants, ease_rating=ease, task_results=SimpleNamespace(all=lambda: rows))


def test_passes_with_enough_people_completion_and_ease():
    result = evaluate([session(5, 4, ("Find your bin day", 4), ("Report a missed bin", 5))], RULES)
    assert result.passed, result.problems
    assert result.task_rates == {"find your bin day": 80, "report a missed bin": 100}


def test_fails_under_80_percent_on_any_task():
    result = evaluate([session(5, 5, ("Find your bin day", 3), ("Report a missed bin", 5))], RULES)
    assert not result.passed
    assert '"find your bin day" completed without help by 60%' in result.summary()


def test_fails_with_too_few_people_or_low_ease_and_sessions_add_up():
    assert not evaluate([session(4, 5, ("Pay", 4))], RULES).passed
    assert not evaluate([session(5, 3.9, ("Pay", 5))], RULES).passed
    assert not evaluate([], RULES).passed
    combined = evaluate([session(2, 5, ("Pay", 2)), session(3, 4, ("pay ", 2))], RULES)  # 4 of 5, ease 4.4
    assert combined.passed, combined.problems
    assert combined.participants == 5 and float(combined.ease_rating) == 4.4


def test_add_months():
    assert add_months(timezone.datetime(2026, 1, 31).date(), 1).isoformat() == "2026-02-28"
    assert add_months(timezone.datetime(2026, 11, 15).date(), 12).isoformat() == "2027-11-15"


@pytest.mark.django_db
def test_pages_past_their_review_date_need_re_testing():
    today = timezone.localdate()
    pay = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    bands = TaskPage.objects.get(**westmere("/council-tax/bands-and-charges/"))
    PageReview.objects.create(page=pay, review_date=today - timedelta(days=1))
    PageReview.objects.create(page=bands, review_date=today + timedelta(days=1))
    statuses = flagged("Past its review date")
    assert "Past its review date" in statuses[pay.pk].reasons_text
    assert bands.pk not in statuses
    # Without a review date of their own, pages are due a year after they were last published.
    assert not statuses.keys() - {pay.pk}
    assert pay.pk in flagged("Past its review date", today=today)
    later = flagged("Past its review date", today=today + timedelta(days=400))
    assert later.keys() >= set(TaskPage.objects.live().values_list("pk", flat=True)) - {bands.pk}


@pytest.mark.django_db
def test_pages_changed_materially_since_their_last_test_need_re_testing(moderator):
    pay = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    record_session(pay, participants=5, completed=5, user=moderator)
    assert pay.pk not in flagged("since the last focus-group test")

    pay.summary = pay.summary + " "  # a small edit is not a material change
    pay.save_revision().publish()
    assert pay.pk not in flagged("since the last focus-group test")

    pay.body = pay.body.raw_data[:1]
    pay.answer = "Pay online, by phone or by direct debit. You need your account number from your bill."
    pay.save_revision().publish()
    status = next(s for s in pages_needing_retesting() if s.page.pk == pay.pk)
    assert "since the last focus-group test" in status.reasons_text
    assert status.changed_percent > GovernanceSettings.load().material_change_percent


@pytest.mark.django_db
def test_the_report_and_the_dashboard_panel_are_for_editors_only(client, moderator, plain_user):
    pay = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    PageReview.objects.create(page=pay, review_date=timezone.localdate() - timedelta(days=3))

    client.force_login(moderator)
    response = client.get("/admin/governance/reports/needs-retesting/")
    assert response.status_code == 200
    assert "Pay your Council Tax" in response.content.decode() or pay.title in response.content.decode()
    assert "Past its review date" in response.content.decode()
    due = add_months(timezone.localdate(), 12)  # the demo pages were published today
    assert f"{due.day} {due:%B %Y}" in response.content.decode() and "Just now" not in response.content.decode()
    export = client.get("/admin/governance/reports/needs-retesting/?export=csv")
    assert export.status_code == 200 and pay.title in b"".join(export.streaming_content).decode()
    home = client.get("/admin/").content.decode()
    assert "Pages that need re-testing with residents" in home

    client.force_login(plain_user)
    assert client.get("/admin/governance/reports/needs-retesting/").status_code in (302, 403)
    client.logout()
    assert client.get("/admin/governance/reports/needs-retesting/").status_code == 302


@pytest.mark.django_db
def test_the_page_governance_view_highlights_problems_and_saves_the_review_date(client, moderator):
    pay = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    pay.summary = "Utilise this service prior to the due date."
    pay.save_revision(user=moderator)
    client.force_login(moderator)
    response = client.get(f"/admin/governance/pages/{pay.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="wm-pe-avoid" title="avoid &quot;utilise&quot;: use use">Utilise</mark>' in html
    assert "Does not pass" in html
    response = client.post(f"/admin/governance/pages/{pay.pk}/", {"review_date": "2030-01-31"})
    assert response.status_code == 302
    assert PageReview.objects.get(page=pay).review_date.isoformat() == "2030-01-31"
    editor_html = client.get(f"/admin/pages/{pay.pk}/edit/").content.decode()
    assert 'data-testid="customer-testing-panel"' in editor_html  # the panel in the page editor
    assert "Plain-English check (this version):</strong>\n      does not pass" in editor_html
    assert "31 January 2030" in editor_html
    area = pay.get_parent()
    add_html = client.get(f"/admin/pages/add/cms_pages/taskpage/{area.pk}/").content.decode()
    assert "Save a draft to see the plain-English check" in add_html
    assert "Customer testing" in client.get(f"/admin/pages/{pay.get_parent().pk}/").content.decode()


@pytest.mark.django_db
def test_editors_record_a_focus_group_session_in_the_admin(client, moderator):
    pay = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    client.force_login(moderator)
    assert client.get(f"/admin/focus_group_sessions/new/?page={pay.pk}").status_code == 200
    data = {
        "page": pay.pk,
        "date": timezone.localdate().isoformat(),
        "participants": 5,
        "ease_rating": "4.5",
        "findings": "Everyone found the pay button.",
        "task_results-TOTAL_FORMS": 1,
        "task_results-INITIAL_FORMS": 0,
        "task_results-MIN_NUM_FORMS": 1,
        "task_results-MAX_NUM_FORMS": 1000,
        "task_results-0-task": "Pay your bill",
        "task_results-0-completed_without_help": 5,
        "task_results-0-average_seconds": 70,
        "task_results-0-ORDER": 1,
        "task_results-0-id": "",
        "task_results-0-DELETE": "",
    }
    response = client.post("/admin/focus_group_sessions/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = pay.focus_group_sessions.get()
    assert session.recorded_by == moderator
    assert session.task_results.get().completed_without_help == 5
    assert "Pay" in session.content_text
