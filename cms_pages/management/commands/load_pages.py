"""manage.py load_pages FILE.yaml: move content in, with its chat questions (the demo content's format)."""
import yaml
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from cms_pages.demo.loader import PageLoader, load_content


class Command(BaseCommand):
    help = (
        "Create the pages of a YAML file (the `pages:` list, in the format of cms_pages/demo/content.yaml) "
        "under a council's home page. Safe to run again: existing pages are left alone unless --update."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The YAML file")
        parser.add_argument("--update", action="store_true", help="Rewrite existing pages from the file.")
        parser.add_argument(
            "--site", help="The council's hostname (fellside.localhost); default: the default site's council."
        )

    def handle(self, file, update=False, site=None, **options):
        council_site = None
        if site:
            council_site = Site.objects.filter(hostname=site).first()
            if council_site is None:
                raise CommandError(f"No site has the hostname {site}.")
        try:
            content = load_content(file)
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Could not read {file}: {error}") from error
        if not isinstance(content, dict) or not isinstance(content.get("pages"), list):
            raise CommandError(f"{file} has no `pages:` list (see the README: Moving content in).")
        try:
            result = PageLoader(content, update=update).run(council_site)
        except ValidationError as error:
            raise CommandError(f"{file}: {'; '.join(error.messages)}") from error
        except KeyError as error:
            raise CommandError(f"{file}: a page has no {error} (or an unknown type)") from error
        except ValueError as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} pages created, {len(result.updated)} updated, {result.unchanged} unchanged."
            )
        )
