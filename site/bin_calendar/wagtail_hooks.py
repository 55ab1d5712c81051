from datetime import timedelta

from wagtail import hooks

from sitewide.scheduled import Job

from .reminders import send_due


@hooks.register("register_scheduled_job")
def bin_reminder_jobs():
    def run(now):
        return f"Sent {send_due(now)} bin day reminders."

    return [Job("bin day reminders", timedelta(hours=1), run, "the evening before each collection, once a day")]
