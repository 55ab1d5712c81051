"""manage.py load_addresses [ADDRESSES.csv] [--areas AREAS.yaml] [--council HOSTNAME] [--only-new] [--remove-missing]

Loads the address list that the bin-day lookup, the councillor finder and the assistant read: the list of the
council whose site has HOSTNAME (default: the default site's council). Each council's list is its own.

ADDRESSES.csv has a header row and these columns, in any order (the first three are required):

    uprn,address_line_1,address_line_2,town,postcode,latitude,longitude,collection_round,ward

UPRN is 1 to 12 digits and is the key (a UPRN already loaded is updated); the postcode is any UK postcode;
latitude and longitude are WGS84 decimal degrees, both or neither; collection_round and ward are codes
from the areas file or already loaded. AREAS.yaml lists `collection_rounds:` (code, name, weekday,
recycling_week A or B) and `wards:` (code, name, councillors: name, party, email, phone, surgery).
The whole layout, with examples, is in places/loading.py; the demo councils' files are
cms_pages/demo/addresses.csv and areas.yaml (Westmere), fellside-addresses.csv and fellside-areas.yaml
(Fellside: --council fellside.localhost).

A file with any mistake loads nothing and lists every mistake with its line. Loading the same files again
changes nothing. --only-new adds what is missing and leaves what is loaded alone; --remove-missing deletes
addresses whose UPRN is not in the file (for a full gazetteer extract).
"""
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from places.loading import LoadError, load


class Command(BaseCommand):
    help = "Load addresses (CSV) and collection rounds, wards and councillors (YAML). See places/loading.py."

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="?", help="The addresses CSV file.")
        parser.add_argument("--areas", help="The YAML file of collection rounds, wards and councillors.")
        parser.add_argument("--council", metavar="HOSTNAME",
                            help="The hostname of the council's site (default: the default site's council).")
        parser.add_argument("--only-new", action="store_true", help="Add what is missing; change nothing loaded.")
        parser.add_argument(
            "--remove-missing", action="store_true", help="Delete addresses whose UPRN is not in the CSV file."
        )

    def handle(self, *args, **options):
        if not options["addresses"] and not options["areas"]:
            raise CommandError("Give an addresses CSV file, an --areas file, or both.")
        if options["remove_missing"] and not options["addresses"]:
            raise CommandError("--remove-missing needs the addresses CSV file.")
        site = council_site(options["council"])
        try:
            result = load(
                options["addresses"], options["areas"],
                update=not options["only_new"], remove_missing=options["remove_missing"], site=site,
            )
        except LoadError as error:
            raise CommandError("Nothing was loaded:\n" + "\n".join(error.problems)) from error
        self.stdout.write(self.style.SUCCESS(f"Addresses: {result.summary()}."))


def council_site(hostname):
    """The site named by --council; without it, the default site (None on an empty installation: the default
    council's rows have no site)."""
    if not hostname:
        return Site.objects.filter(is_default_site=True).first()
    sites = list(Site.objects.filter(hostname__iexact=hostname.strip()))
    if len(sites) != 1:
        known = ", ".join(sorted(Site.objects.values_list("hostname", flat=True))) or "none"
        problem = "No site has" if not sites else "More than one site has"
        raise CommandError(f"{problem} the hostname {hostname!r} (the sites' hostnames: {known}).")
    return sites[0]
