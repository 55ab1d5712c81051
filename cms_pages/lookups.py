"""The page tools that look an address up: the bin day lookup and the councillor finder (blocks an editor puts on
a task page: `bin_day_lookup`, `councillor_finder`).

Plain GET forms, so they work without JavaScript and every step has its own address to bookmark or share:

    ?postcode=WM4 6BR              the addresses at that postcode (or, for a councillor, the ward straight away
                                   when the whole postcode is in one ward)
    ?postcode=WM4 6BR&uprn=...     that address's bin days, or its ward and councillors (step=address
                                   comes with it: without a uprn it means no address was picked)
    ?uprn=...                      the same, from the UPRN alone

The page cache never answers these (sitewide/page_cache.py: `postcode` and `uprn` are lookup parameters).
The addresses, rounds and wards are the address list in `places`, which the assistant's web API reads too: the
list of the council whose site the resident is on.
"""
from dataclasses import dataclass, field

from django.utils import timezone

from kit import messages
from places import lookups
from places.bins import next_collections
from places.lookups import NO_ADDRESSES, SELECT_ADDRESS, not_in_area

TOOLS = {"bin_day_lookup": "bins", "councillor_finder": "councillors"}
POSTCODE_ID = "lookup-postcode"
ADDRESS_ID = "lookup-uprn"
STALE_ADDRESS = "Enter your postcode. The address in the link you followed is not on our list"
RADIOS_UP_TO = 12  # more addresses than this: a drop-down list instead of radios


@dataclass
class Lookup:
    """What the tool shows: `step` is "postcode", "address" or "result"."""

    tool: str
    step: str = "postcode"
    postcode: str = ""  # as typed, until it is a known postcode
    errors: list = field(default_factory=list)  # [(field id, message)]
    addresses: list = field(default_factory=list)  # to choose from
    address: object = None
    collections: list = field(default_factory=list)  # bins: [Shown]
    day: str = ""
    ward: object = None
    councillors: list = field(default_factory=list)

    def error_for(self, field_id):
        return next((message for where, message in self.errors if where == field_id), "")

    @property
    def postcode_error(self):
        return self.error_for(POSTCODE_ID)

    @property
    def address_error(self):
        return self.error_for(ADDRESS_ID)

    @property
    def as_radios(self):
        return len(self.addresses) <= RADIOS_UP_TO


@dataclass(frozen=True)
class Shown:
    """One bin's next collection, in words."""

    bin: str
    when: str
    every: str
    note: str


def find_tool(body):
    """'bins' or 'councillors' when the body has one of the tools, else None."""
    return next((TOOLS[block.block_type] for block in body or [] if block.block_type in TOOLS), None)


def lookup_for(body, query, site, today=None):
    """The tool's state for a request's query string, in `site`'s council's address list, or None when the page
    has no tool."""
    tool = find_tool(body)
    if tool is None:
        return None
    lookup = Lookup(tool)
    uprn = query.get("uprn", "").strip()[:20]
    if "postcode" in query:
        # Radios send nothing when none is picked: the address form says it was sent (step=address).
        address_asked = "uprn" in query or query.get("step") == "address"
        find_by_postcode(lookup, query.get("postcode", "")[:30], uprn, address_asked, site)
    elif uprn:
        address = lookups.address_by_uprn(uprn, site)
        if address is None:
            lookup.errors.append((POSTCODE_ID, STALE_ADDRESS))
        else:
            lookup.postcode = address.postcode
            show(lookup, address)
    if lookup.step == "result":
        fill_result(lookup, today or timezone.localdate())
    return lookup


def find_by_postcode(lookup, typed, uprn, address_asked, site):
    lookup.postcode = typed
    if not typed.strip():
        lookup.errors.append((POSTCODE_ID, messages.required_message("your postcode")))
        return
    try:
        addresses = lookups.addresses_at(typed, site)
    except lookups.InvalidPostcode:
        lookup.errors.append((POSTCODE_ID, messages.POSTCODE_INVALID))
        return
    except lookups.NotInArea:
        lookup.errors.append((POSTCODE_ID, not_in_area(site)))
        return
    except lookups.NoAddresses as error:
        lookup.errors.append((POSTCODE_ID, NO_ADDRESSES.format(postcode=error.args[0])))
        return
    lookup.postcode = addresses[0].postcode
    lookup.addresses = addresses
    chosen = next((address for address in addresses if address.uprn == uprn), None) if uprn else None
    if chosen is not None:
        show(lookup, chosen)
    elif address_asked:
        lookup.step = "address"
        lookup.errors.append((ADDRESS_ID, SELECT_ADDRESS))
    elif len(addresses) == 1:
        show(lookup, addresses[0])
    elif lookup.tool == "councillors" and len({address.ward_id for address in addresses}) == 1:
        lookup.step = "result"
        lookup.ward = addresses[0].ward  # one ward for the whole postcode: no need to ask which address
    else:
        lookup.step = "address"


def show(lookup, address):
    lookup.step = "result"
    lookup.address = address
    lookup.ward = address.ward


def fill_result(lookup, today):
    if lookup.tool == "councillors":
        lookup.councillors = list(lookup.ward.councillors.all()) if lookup.ward else []
        return
    round_ = lookup.address.collection_round if lookup.address else None
    if round_ is None:
        return
    lookup.day = round_.day_name
    coming = sorted(enumerate(next_collections(round_, today)), key=lambda pair: (pair[1].next_date, pair[0]))
    lookup.collections = [
        Shown(c.bin, in_words(c.next_date, today), every(c.every_weeks), c.note) for _, c in coming
    ]


def every(weeks):
    return "every week" if weeks == 1 else f"every {weeks} weeks"


def in_words(day, today):
    """'Tuesday 8 December', with the year when it is not this year's, and '(today)' when it is today."""
    text = f"{day:%A} {day.day} {day:%B}"
    if day.year != today.year:
        text += f" {day.year}"
    if day == today:
        text += " (today)"
    return text
