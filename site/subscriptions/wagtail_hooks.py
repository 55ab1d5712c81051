from datetime import timedelta

from wagtail import hooks

from sitewide.scheduled import Job

from .disruptions import announce_started
from .editor_choice import record_choice


# Governance registers these hooks too: Wagtail stops at the first that returns a response, so these return None.
@hooks.register("after_edit_page")
def record_choice_on_edit(request, page):
    record_choice(request, page)
    return None


@hooks.register("after_create_page")
def record_choice_on_create(request, page):
    record_choice(request, page)
    return None


@hooks.register("register_scheduled_job")
def disruption_announcement_jobs():
    def run(now):
        return f"Announced {announce_started(now)} service disruptions."

    return [Job("service disruption emails", timedelta(minutes=5), run, "emails subscribers when a disruption starts")]
