"""manage.py load_addresses [ADDRESSES.csv] [--areas AREAS.yaml] [--only-new] [--remove-missing]

Loads the address list that the bin-day lookup, the councillor finder and the assistant read.

ADDRESSES.csv has a header row and these columns, in any order (the first three are required):

    uprn,address_line_1,address_line_2,town,postcode,latitude,longitude,collection_round,ward

UPRN is 1 to 12 digits and is the key (a UPRN already loaded is updated); the postcode is any UK postcode;
latitude and longitude are WGS84 decimal degrees, both or neither; collection_round and ward are codes
from the areas file or already loaded. AREAS.yaml lists `collection_rounds:` (code, name, weekday,
recycling_week A or B) and `wards:` (code, name, councillors: name, party, email, phone, surgery).
The whole layout, with examples, is in places/loading.py; the demo council's files are
cms_pages/demo/addresses.csv and cms_pages/demo/areas.yaml.

A file with any mistake loads nothing and lists every mistake with its line. Loading the same files again
changes nothing. --only-new adds what is missing and leaves what is loaded alone; --remove-missing deletes
addresses whose UPRN is not in the file (for a full gazetteer extract).
"""
from django.core.management.base import BaseCommand, CommandError

from places.loading import LoadError, load


class Command(BaseCommand):
    help = "Load addresses (CSV) and collection rounds, wards and councillors (YAML). See places/loading.py."

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="?", help="The addresses CSV file.")
        parser.add_argument("--areas", help="The YAML file of collection rounds, wards and councillors.")
        parser.add_argument("--only-new", action="store_true", help="Add what is missing; change nothing loaded.")
        parser.add_argument(
            "--remove-missing", action="store_true", help="Delete addresses whose UPRN is not in the CSV file."
        )

    def handle(self, *args, **options):
        if not options["addresses"] and not options["areas"]:
            raise CommandError("Give an addresses CSV file, an --areas file, or both.")
        if options["remove_missing"] and not options["addresses"]:
            raise CommandError("--remove-missing needs the addresses CSV file.")
        try:
            result = load(
                options["addresses"], options["areas"],
                update=not options["only_new"], remove_missing=options["remove_missing"],
            )
        except LoadError as error:
            raise CommandError("Nothing was loaded:\n" + "\n".join(error.problems)) from error
        self.stdout.write(self.style.SUCCESS(f"Addresses: {result.summary()}."))
