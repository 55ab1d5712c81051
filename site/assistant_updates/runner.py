"""Runs a queued update away from the web request that started it (training takes minutes).

With the database task queue (TASKS_BACKEND=database, production) the tasks worker runs it; the
worker needs the bot's environment (ASSISTANT_BOT_DIR). Otherwise (the immediate backend of
`make run`) a separate `manage.py update_assistant --run ID` process does, so the admin page answers
at once either way.
"""
import subprocess
import sys

from django.conf import settings

from .tasks import run_update_task


def run_in_background(update):
    if settings.TASKS_BACKEND == "database":
        run_update_task.enqueue(update.pk)
        return
    subprocess.Popen(  # noqa: S603 (our own manage.py with a number)
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "update_assistant", "--run", str(update.pk)],
        cwd=settings.BASE_DIR, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped with the web process that started it
    )
