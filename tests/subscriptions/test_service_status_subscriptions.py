"""Emails about service disruptions (issue 26): a resident chooses one service area or every service, confirms,
and gets one email when a disruption there starts (a disruption posted ahead starts later), none for another
area's; the scheduled job sends them."""
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from service_status.models import Disruption
from subscriptions.disruptions import announce_started
from subscriptions.models import DisruptionAnnouncement, ServiceStatusSubscription

from cms_pages.models import ServiceAreaPage, TaskPage
from sitewide.scheduled import registered_jobs, run_due
from tests.conftest import westmere

from .conftest import confirm_link_token, unsubscribe_link

pytestmark = pytest.mark.django_db
POSTED = datetime(2026, 12, 6, 16, 0, tzinfo=UTC)
START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def area(slug):
    return ServiceAreaPage.objects.get(**westmere(), slug=slug)


def disruption(title, page, starts_at=START):
    made = Disruption.objects.create(
        title=title, details="Leave your bin out. We will empty it when the roads are clear.",
        starts_at=starts_at, ends_at=starts_at + timedelta(days=2),
    )
    made.pages.add(page)
    return made


def sign_up(client, services, email):
    client.post("/subscriptions/service-status/", {"services": services, "email": email})
    client.post(f"/subscriptions/confirm/{confirm_link_token(mail.outbox[-1])}/")


def test_the_service_status_page_links_to_a_form_with_every_service_area(site_client):
    assert 'href="/subscriptions/service-status/"' in site_client.get("/service-status/").content.decode()
    html = site_client.get("/subscriptions/service-status/").content.decode()
    assert 'type="radio"' in html and "All council services" in html and "Bins and recycling" in html
    assert 'class="govuk-fieldset__legend' in html and 'for="id_email"' in html
    response = site_client.post("/subscriptions/service-status/", {"services": "12345", "email": "jo@example.org"})
    assert "Select which services you want emails about" in response.content.decode()
    assert not ServiceStatusSubscription.objects.exists()


def test_subscribers_get_one_email_when_a_disruption_in_their_choice_starts(site_client):
    with time_machine.travel(POSTED, tick=False):
        announce_started()  # whatever the demo council has on now is announced before anyone subscribes
        bins, tax = area("bins-and-recycling"), area("council-tax")
        sign_up(site_client, str(bins.pk), "bins@example.org")
        sign_up(site_client, str(tax.pk), "tax@example.org")
        sign_up(site_client, "all", "everything@example.org")
        site_client.post("/subscriptions/service-status/", {"services": "all", "email": "waiting@example.org"})
        assert ServiceStatusSubscription.objects.filter(confirmed_at__isnull=False).count() == 3
        mail.outbox.clear()
        garden = TaskPage.objects.get(**westmere("/bins-and-recycling/garden-waste/"))
        snow = disruption("Garden waste collections suspended because of snow", garden)
        assert announce_started() == 0 and not mail.outbox  # posted ahead: not started yet

    with time_machine.travel(START + timedelta(minutes=3), tick=False):
        assert announce_started() == 1
        assert sorted(m.to[0] for m in mail.outbox) == ["bins@example.org", "everything@example.org"]
        email = next(m for m in mail.outbox if m.to == ["everything@example.org"])
        assert email.subject == "Service disruption: Garden waste collections suspended because of snow"
        assert "Leave your bin out." in email.body and f"/service-status/#disruption-{snow.pk}" in email.body
        assert announce_started() == 0 and len(mail.outbox) == 2  # once
        assert DisruptionAnnouncement.objects.get(disruption=snow).emails_sent == 2

        assert "Emails stopped" in site_client.get(unsubscribe_link(email)).content.decode()
        assert not ServiceStatusSubscription.objects.filter(email="everything@example.org").exists()
        mail.outbox.clear()
        disruption("Council Tax online payments unavailable", tax)
        assert announce_started() == 1
        assert [m.to for m in mail.outbox] == [["tax@example.org"]]  # not bins, and not after unsubscribing


def test_the_scheduled_job_announces_a_disruption_once(site_client):
    assert "service disruption emails" in [job.name for job in registered_jobs()]
    with time_machine.travel(POSTED, tick=False):
        sign_up(site_client, "all", "jo@example.org")
        disruption("Recycling centre closed", area("bins-and-recycling"))
        mail.outbox.clear()
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        results = run_due(START + timedelta(minutes=1))
        assert results["service disruption emails"].startswith("Announced")
        assert [m.to for m in mail.outbox] == [["jo@example.org"]]
        run_due(START + timedelta(minutes=10))
        assert len(mail.outbox) == 1


def test_a_disruption_that_has_ended_before_the_job_runs_is_not_announced(site_client):
    with time_machine.travel(POSTED, tick=False):
        sign_up(site_client, "all", "jo@example.org")
        disruption("Short closure", area("bins-and-recycling"))
        mail.outbox.clear()
    with time_machine.travel(START + timedelta(days=3), tick=False):
        announce_started()
        assert not mail.outbox
