"""A service area's own focus-group thresholds, and review-date reminders to a page's owners."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from casework.models import Notification
from cms_pages.models import ServiceAreaPage, TaskPage
from governance.models import AreaTestingThresholds, PageReview, ServiceAreaOwner, focus_group_result
from governance.retesting import pages_needing_retesting
from governance.review_reminders import send_review_reminders
from tests.conftest import westmere

from .helpers import record_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def pay_page():
    return TaskPage.objects.get(**westmere("/council-tax/pay/"))


@pytest.fixture
def missed_bin():
    return TaskPage.objects.get(**westmere("/bins-and-recycling/report-a-missed-bin/"))


def test_a_service_area_can_ask_for_more_than_the_site_wide_thresholds(pay_page, missed_bin):
    record_session(pay_page, participants=6, completed=6)
    record_session(missed_bin, participants=6, completed=6)
    assert focus_group_result(pay_page).passed  # site-wide: at least 5 residents
    council_tax = ServiceAreaPage.objects.get(**westmere(), slug="council-tax")
    AreaTestingThresholds.objects.create(area=council_tax, min_participants=8, min_ease_rating=Decimal("4.6"))
    result = focus_group_result(pay_page)
    assert not result.passed
    assert "6 participants (at least 8 needed)" in result.summary()
    assert "ease rating 4.5 (at least 4.6)" in result.summary()
    assert focus_group_result(missed_bin).passed  # another area keeps the site-wide rule
    record_session(pay_page, participants=2, completed=2, ease=5)
    assert focus_group_result(pay_page).passed  # 8 residents, ease 4.6


def test_an_area_s_material_change_percent_decides_what_needs_retesting(pay_page):
    record_session(pay_page, participants=6, completed=6)
    pay_page.summary = pay_page.summary + " You can also pay by phone on 01632 960000, any day of the week."
    pay_page.save_revision().publish()
    needing = {status.page.pk: status for status in pages_needing_retesting()}
    changed = [reason for reason in needing[pay_page.pk].reasons if reason.startswith("Changed")]
    assert not changed  # a small change: within the site-wide 10%
    council_tax = ServiceAreaPage.objects.get(**westmere(), slug="council-tax")
    AreaTestingThresholds.objects.create(area=council_tax, material_change_percent=1)
    needing = {status.page.pk: status for status in pages_needing_retesting()}
    assert any(reason.startswith("Changed") for reason in needing[pay_page.pk].reasons)


def test_the_thresholds_are_edited_under_customer_testing_and_shown_on_the_page(admin_client, pay_page):
    council_tax = ServiceAreaPage.objects.get(**westmere(), slug="council-tax")
    response = admin_client.post("/admin/area_testing_thresholds/new/", {
        "area": council_tax.pk, "min_participants": "7", "min_completion_percent": "",
        "min_ease_rating": "", "material_change_percent": "",
    })
    assert response.status_code == 302
    assert AreaTestingThresholds.objects.get(area=council_tax).min_participants == 7
    html = admin_client.get(f"/admin/governance/pages/{pay_page.pk}/").content.decode()
    assert "Rule: at least 7 residents" in html


def test_a_page_s_owners_are_reminded_once_when_its_review_date_is_near(make_user, pay_page, missed_bin):
    editor = make_user("writer", "Editors")
    editor.email = "writer@example.org"
    editor.save()
    owner = make_user("council-tax-owner", "Service owners")
    owner.email = "council.tax@example.org"
    owner.save()
    ServiceAreaOwner.objects.create(area=ServiceAreaPage.objects.get(**westmere(), slug="council-tax"), user=owner)
    TaskPage.objects.filter(pk=pay_page.pk).update(owner=editor)
    today = timezone.localdate()
    PageReview.objects.create(page=pay_page, review_date=today + timedelta(days=10))
    PageReview.objects.create(page=missed_bin, review_date=today + timedelta(days=200))  # not near yet

    send_review_reminders()
    for address in ("writer@example.org", "council.tax@example.org"):
        [email] = Notification.objects.filter(to_email=address)
        assert email.subject == f"Due for review: {pay_page.title}"
        assert f"/admin/governance/pages/{pay_page.pk}/" in email.body
        assert "review by" in email.body
        assert missed_bin.title not in email.body

    send_review_reminders()  # the next day: nothing new
    assert Notification.objects.filter(to_email__in=["writer@example.org", "council.tax@example.org"]).count() == 2

    PageReview.objects.filter(page=pay_page).update(review_date=today + timedelta(days=5))  # a new date: a new reminder
    send_review_reminders()
    assert Notification.objects.filter(to_email="writer@example.org").count() == 2
