from datetime import timedelta

from wagtail import hooks

from .scheduled import command_job


@hooks.register("register_scheduled_job")
def sitewide_scheduled_jobs():
    return [command_job("clear expired sessions", timedelta(days=1), "clearsessions")]
