"""manage.py export_assistant_data DIR: the assistant's training data from the chat-enabled live pages."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assistant_updates.training_data import ExportError, export


class Command(BaseCommand):
    help = (
        "Write the bot's NLU data, domain and rules for every live page the assistant answers, merged with "
        "the bot's conversational core, to DIR (DIR/domain.yml and DIR/data/) for `rasa train`."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write domain.yml and data/ (made if missing)")
        parser.add_argument(
            "--core",
            default=str(settings.BASE_DIR / "bot"),
            help="The Rasa project with the conversational core (domain.yml and data/); default: bot/",
        )

    def handle(self, directory, core, **options):
        try:
            intents = export(directory, core)
        except ExportError as error:
            raise CommandError(str(error)) from error
        questions = sum(len(intent.questions) for intent in intents)
        self.stdout.write(f"Exported {len(intents)} pages ({questions} questions) with the core to {directory}")
