"""Bin collection days for the bot's web API, from the address list (places) the website's lookup reads.

A postcode's addresses can be on different rounds (a road split between two crews): then there is no one
answer for the postcode, and the answer lists each round with its addresses instead.

The bin-day page's URL comes from the caller (cms_pages/api.py finds the page holding the bin day lookup):
`assistant` sits below `cms_pages` and types no page address. Without that page (url=None) the answer's
"url" and "lookup_url" are None, as the bot API answers for any page that is not there.
"""
from urllib.parse import urlencode

from places import lookups
from places.bins import next_collections
from places.lookups import InvalidPostcode, NoAddresses, NotInArea, normalise_postcode

__all__ = ["InvalidPostcode", "NoAddresses", "NotInArea", "collections_for",
           "collections_for_address", "normalise_postcode"]


def page_url(url, **query):
    """The bin-day page showing this postcode's addresses (or this address's collections), or None."""
    return f"{url}?{urlencode(query)}" if url else None


def collections_json(round_, today):
    return [
        {"bin": c.bin, "day": round_.day_name, "next_date": c.next_date.isoformat(), "every_weeks": c.every_weeks,
         **({"note": c.note} if c.note else {})}
        for c in next_collections(round_, today)
    ]


def collections_for(postcode, today=None, url=None, site=None):
    """{postcode, day, collections, rounds, same_for_every_address, url, lookup_url}. `day` and
    `collections` are the postcode's when every address there is on one round; otherwise `day` is None,
    `collections` is empty and `rounds` says which addresses go out on which day.
    `site` is the resident's council (None: the default council). Raises InvalidPostcode, NotInArea (another
    council's postcode) or NoAddresses."""
    addresses = lookups.addresses_at(postcode, site)
    postcode = addresses[0].postcode
    rounds = [
        {"day": round_.day_name, "collections": collections_json(round_, today),
         "addresses": [{"uprn": a.uprn, "address": a.short} for a in at]}
        for round_, at in lookups.grouped(addresses, "collection_round") if round_ is not None
    ]
    one = len(rounds) == 1
    return {
        "postcode": postcode,
        "day": rounds[0]["day"] if one else None,
        "collections": rounds[0]["collections"] if one else [],
        "same_for_every_address": one,
        "rounds": rounds,
        "url": url,
        "lookup_url": page_url(url, postcode=postcode),
    }


def collections_for_address(uprn, today=None, url=None, site=None):
    """One address's collections ({uprn, address, postcode, day, collections, url, lookup_url}), or None (also
    for another council's address)."""
    address = lookups.address_by_uprn(uprn, site)
    if address is None:
        return None
    round_ = address.collection_round
    return {
        "uprn": address.uprn,
        "address": address.full,
        "postcode": address.postcode,
        "day": round_.day_name if round_ else None,
        "collections": collections_json(round_, today) if round_ else [],
        "url": url,
        "lookup_url": page_url(url, postcode=address.postcode, uprn=address.uprn),
    }
