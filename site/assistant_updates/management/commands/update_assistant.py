"""manage.py update_assistant [--wait | --run ID | --rollback]: the admin's "Update the assistant", from a shell."""
from django.core.management.base import BaseCommand, CommandError

from assistant_updates import pipeline
from assistant_updates.models import AssistantUpdate
from assistant_updates.runner import run_in_background


class Command(BaseCommand):
    help = (
        "Export the chat pages, train a candidate model, test it and, only if it passes, put it live on every "
        "Rasa server (see Assistant updates in the admin). Without --wait it runs in the background."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wait", action="store_true", help="Run here and report the outcome (exit 1 if refused)")
        parser.add_argument("--run", type=int, metavar="ID", help="Run the queued update ID (used by the admin)")
        parser.add_argument("--rollback", action="store_true", help="Put the model live before the current one back")

    def handle(self, *args, wait=False, run=None, rollback=False, **options):
        try:
            if rollback:
                update = pipeline.rollback()
                self.stdout.write(f"Rolled back update {update.pk}: the model before it is live again.")
                return
            if run is not None:
                update = AssistantUpdate.objects.filter(pk=run, outcome=AssistantUpdate.Outcome.QUEUED).first()
                if update is None:
                    raise CommandError(f"No queued update {run}.")
            else:
                update = pipeline.start_update()
            if not wait and run is None:
                run_in_background(update)
                self.stdout.write(f"Update {update.pk} started; see Assistant updates in the admin.")
                return
        except pipeline.UpdateRefused as error:
            raise CommandError(str(error)) from error
        pipeline.run_update(update)
        self.report(update)
        if update.outcome not in (AssistantUpdate.Outcome.LIVE, AssistantUpdate.Outcome.UNCHANGED):
            raise CommandError(f"Update {update.pk}: {update.get_outcome_display()}")

    def report(self, update):
        self.stdout.write(f"Update {update.pk}: {update.get_outcome_display()} after {update.duration_seconds} s")
        self.stdout.write(f"{update.pages} pages, {update.questions} questions; scores: {update.scores}")
        for reason in update.reasons:
            self.stdout.write(f"- {reason}")
