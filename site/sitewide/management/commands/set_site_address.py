"""Point a Wagtail Site at its public address, so canonical links, Open Graph URLs, images and the sitemap
use the address residents reach (https://www.westmere.example.org, or http://localhost:8080 behind nginx).

    manage.py set_site_address https://www.westmere.example.org            # the default site
    manage.py set_site_address http://fellside.localhost:8080 --site 3      # another council's site, by its id
    manage.py set_site_address http://fellside.localhost:8080 --site fellside.localhost   # or its hostname now

Run at release (deploy/entrypoints/release.sh), after the content is loaded."""
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def hostname_and_port(url):
    """'http://localhost:8080/' -> ('localhost', 8080); 'https://www.example.org' -> ('www.example.org', 443)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) address such as https://www.example.org")
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        # Wagtail's Site.root_url writes http:// for every port but 443.
        raise ValueError("An https address must use port 443 (Wagtail builds other ports as http://).")
    return parts.hostname, port


class Command(BaseCommand):
    help = "Set a Wagtail Site's hostname and port from its public address."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--site", help="the Site's id or its hostname now (default: the default site)")

    def handle(self, url, site=None, **options):
        try:
            hostname, port = hostname_and_port(url)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not site:
            sites = Site.objects.filter(is_default_site=True)
        else:
            sites = Site.objects.filter(pk=int(site)) if str(site).isdigit() else Site.objects.filter(hostname=site)
        target = sites.first()
        if target is None:
            raise CommandError("No such site: load the content first.")
        target.hostname, target.port = hostname, port
        target.save()
        self.stdout.write(f"{target.site_name or 'Site'} {target.pk}: {target.root_url}")
