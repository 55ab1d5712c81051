"""Finding addresses: by postcode (all the addresses there, in street order) or by UPRN, in one council's address
list (the council of the request: `site`, see places/councils.py).

One set of answers for every caller (the website's tools and the assistant's web API): a postcode that is
not a postcode, one outside the council's postcode districts, and one in them with no address we know.
"""
from django.core.exceptions import ValidationError

from kit.uk import NotAPostcode
from kit.uk import normalise_postcode as uk_postcode
from sitewide.councils import council_for_site, council_name

from .councils import of_council
from .models import UPRN, Address

# What residents read when a postcode finds nothing (the website's tools, My Account's saved addresses)
NOT_IN_AREA = "Enter a postcode in the {council} area"
NO_ADDRESSES = "We cannot find any addresses at {postcode}. Check the postcode and try again"
SELECT_ADDRESS = "Select your address"


def not_in_area(site):
    """'Enter a postcode in the Fellside District Council area': the council whose site the resident is on."""
    return NOT_IN_AREA.format(council=council_name(council_for_site(site)))


def addresses(site):
    """The council's address list."""
    return of_council(Address.objects.all(), site)


def example_postcode(site):
    """A postcode from the council's own list (its first), for "like WM1 1AA"; None when it has no addresses."""
    return addresses(site).order_by("postcode").values_list("postcode", flat=True).first()


class InvalidPostcode(ValueError):
    pass


class NotInArea(LookupError):
    """The postcode district (WM1, SW1A) has no address in the list: another council's area."""


class NoAddresses(LookupError):
    """One of the council's postcode districts, but no address has this postcode."""


def normalise_postcode(text):
    """'wm1 1aa' -> 'WM1 1AA'; raises InvalidPostcode for anything that is not a UK postcode."""
    try:
        return uk_postcode(text)
    except NotAPostcode as error:
        raise InvalidPostcode(text) from error


def addresses_at(postcode, site):
    """Every address of `site`'s council at `postcode` (typed however), in street order, with round and ward;
    raises InvalidPostcode, NotInArea (another council's postcode, or nobody's) or NoAddresses."""
    postcode = normalise_postcode(postcode)
    found = sorted(
        addresses(site).filter(postcode=postcode).select_related("collection_round", "ward"),
        key=lambda address: address.sort_key,
    )
    if found:
        return found
    district = postcode.split(" ")[0]
    if addresses(site).filter(postcode__startswith=district + " ").exists():
        raise NoAddresses(postcode)
    raise NotInArea(postcode)


def address_by_uprn(uprn, site):
    """The address of `site`'s council with this UPRN, or None (also for anything that is not a UPRN)."""
    uprn = str(uprn or "").strip()
    try:
        UPRN(uprn)
    except ValidationError:
        return None
    return addresses(site).select_related("collection_round", "ward").filter(uprn=uprn).first()


def grouped(addresses, attribute):
    """[(round or ward, [addresses])], one entry per distinct value, in the order first met."""
    order = []
    groups = {}
    for address in addresses:
        value = getattr(address, attribute)
        key = value.pk if value is not None else None
        if key not in groups:
            groups[key] = (value, [])
            order.append(key)
        groups[key][1].append(address)
    return [groups[key] for key in order]
