from django_tasks import task

from .models import AssistantUpdate
from .pipeline import run_update


@task()
def run_update_task(update_id):
    update = AssistantUpdate.objects.filter(pk=update_id, outcome=AssistantUpdate.Outcome.QUEUED).first()
    if update is not None:
        run_update(update)
    return update.outcome if update else "not queued"
