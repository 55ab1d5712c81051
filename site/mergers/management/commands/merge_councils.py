"""manage.py merge_councils OLD NEW [--dry-run] [--mapping FILE] [--report FILE] [--queue-only]"""
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mergers.apply import merge
from mergers.plan import PlanError, build_plan, find_council, read_mapping
from mergers.report import write_report


class Command(BaseCommand):
    help = (
        "Merge the council OLD into NEW (each named by its hostname or name): OLD's services move into NEW's tree, "
        "one page per clashing service stays (NEW's unless --mapping says otherwise), every old address answers "
        "301 on OLD's hostname too, old references keep tracking, chat keys follow their pages, search is "
        "re-indexed and an assistant update is queued. --dry-run reports and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("old", help="The council that goes: its hostname or name")
        parser.add_argument("new", help="The council it joins: its hostname or name")
        parser.add_argument("--dry-run", action="store_true", help="Report what would move and clash; change nothing")
        parser.add_argument("--mapping", metavar="FILE",
                            help="YAML or JSON: {old path: keep-old | keep-new | <new path>} for clashes")
        parser.add_argument("--report", metavar="FILE", help="Also write the report to FILE")
        parser.add_argument("--queue-only", action="store_true",
                            help="Queue the assistant update without starting it (a worker or update_assistant "
                                 "--run starts it)")

    def handle(self, *args, old, new, dry_run=False, mapping=None, report=None, queue_only=False, **options):
        with transaction.atomic():  # the plan is read where it is carried out: nothing changes in between
            try:
                plan = build_plan(find_council(old), find_council(new), read_mapping(mapping))
            except (PlanError, OSError) as error:
                raise CommandError(str(error)) from error
            text = write_report(plan, dry_run=dry_run)
            if not dry_run:
                try:
                    done = merge(plan, queue_only=queue_only)
                except ValidationError as error:  # a page that cannot go where the plan puts it: nothing changed
                    raise CommandError(f"Nothing was changed: {error}") from error
                text += "\nDone:\n" + "".join(f"  {line}\n" for line in done)
        self.stdout.write(text, ending="")
        if report:
            Path(report).write_text(text, encoding="utf-8")
