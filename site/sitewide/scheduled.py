"""Scheduled work, through one mechanism: `manage.py run_due` runs each job whose time has come, once, wherever
it is called from (make run and make prod run it every minute, the containers and Kubernetes as a CronJob,
the tests with a chosen time). The tasks backend runs work as soon as it is queued but cannot wait for a date.

Apps register their jobs with the `register_scheduled_job` Wagtail hook, which returns a Job. A job is due when
`every` has passed since it last started; starting it is claimed in the database first, so two runners at once
start it once.
"""
import io
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.db import transaction
from wagtail import hooks

from .models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable  # run(now) -> a line saying what it did
    description: str = ""


def registered_jobs():
    return [job for register in hooks.get_hooks("register_scheduled_job") for job in register()]


def claim(job, now):
    """True when `job` is due at `now` and this runner has taken it (its start is recorded first)."""
    with transaction.atomic():
        run, _ = ScheduledRun.objects.select_for_update().get_or_create(name=job.name)
        if run.last_started_at and now - run.last_started_at < job.every:
            return False
        run.last_started_at = now
        run.save(update_fields=["last_started_at"])
    return True


def run_due(now, jobs=None):
    """Run every due job; returns {name: what it said, or the error}. One failing job does not stop the rest."""
    results = {}
    for job in registered_jobs() if jobs is None else jobs:
        if not claim(job, now):
            continue
        try:
            results[job.name] = str(job.run(now) or "done")
        except Exception:  # a failed job is recorded and tried again next period; the others still run
            logger.exception("Scheduled job %s failed", job.name)
            results[job.name] = "failed: " + traceback.format_exc(limit=1).strip().splitlines()[-1]
        ScheduledRun.objects.filter(name=job.name).update(last_result=results[job.name][:500])
    return results


def command_job(name, every, command, description=""):
    """A job that runs a management command and says what it printed."""

    def run(now):
        out = io.StringIO()
        call_command(command, stdout=out)
        return " ".join(out.getvalue().split())

    return Job(name, every, run, description or f"manage.py {command}")
