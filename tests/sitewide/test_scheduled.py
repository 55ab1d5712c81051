"""Scheduled work through one mechanism (issue 23): `manage.py run_due` runs each registered job once per period,
whoever calls it and however often; a failing job is recorded and does not stop the others."""
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from sitewide.models import ScheduledRun
from sitewide.scheduled import Job, registered_jobs, run_due

pytestmark = pytest.mark.django_db


def test_each_job_runs_once_per_period_and_a_failure_stops_nothing():
    ran = []
    jobs = [Job("often", timedelta(hours=1), lambda now: ran.append(("often", now)) or "ok"),
            Job("broken", timedelta(hours=1), lambda now: 1 / 0),
            Job("weekly", timedelta(days=7), lambda now: ran.append(("weekly", now)))]
    start = timezone.now()

    assert run_due(start, jobs) == {"often": "ok", "broken": "failed: ZeroDivisionError: division by zero",
                                    "weekly": "done"}
    assert run_due(start + timedelta(minutes=5), jobs) == {}  # nothing is due again yet
    assert set(run_due(start + timedelta(hours=1), jobs)) == {"often", "broken"}
    assert [name for name, _ in ran] == ["often", "weekly", "often"]
    assert ScheduledRun.objects.get(name="broken").last_result.startswith("failed")


def test_the_apps_register_their_jobs_and_the_command_runs_them():
    names = {job.name for job in registered_jobs()}
    assert {"send pending emails", "anonymise old requests", "delete old chat transcripts",
            "clear expired sessions"} <= names
    out = io.StringIO()
    call_command("run_due", now="2026-12-07T07:00:00", stdout=out)
    assert "send pending emails: Sent 0, still failing 0." in out.getvalue()
    out = io.StringIO()
    call_command("run_due", now="2026-12-07T07:00:30", stdout=out)
    assert out.getvalue() == ""  # each ran once (the most frequent, scheduled publishing, runs every minute)
