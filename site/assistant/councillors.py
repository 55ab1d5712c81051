"""A postcode's ward and its councillors for the bot's web API, from the address list (places) the
website's councillor finder reads. A postcode on a ward boundary gives both wards, each with its addresses.

The councillor finder page's URL comes from the caller (cms_pages/api.py finds the page holding it); without
that page (url=None) "url" and "lookup_url" are None, as for any page that is not there."""
from urllib.parse import urlencode

from places import lookups


def councillor_json(councillor):
    return {
        "name": councillor.name, "party": councillor.party, "email": councillor.email,
        "phone": councillor.phone, "surgery": councillor.surgery,
    }


def wards_for(postcode, url=None, site=None):
    """{postcode, wards: [{name, councillors, addresses}], same_for_every_address, url, lookup_url}, from the
    address list of `site`'s council (None: the default council's).
    Raises places.lookups.InvalidPostcode, NotInArea or NoAddresses."""
    addresses = lookups.addresses_at(postcode, site)
    postcode = addresses[0].postcode
    groups = [(ward, at) for ward, at in lookups.grouped(addresses, "ward") if ward is not None]
    return {
        "postcode": postcode,
        "same_for_every_address": len(groups) == 1,
        "wards": [
            {
                "name": ward.name,
                "councillors": [councillor_json(c) for c in ward.councillors.all()],
                "addresses": [{"uprn": a.uprn, "address": a.short} for a in at],
            }
            for ward, at in groups
        ],
        "url": url,
        "lookup_url": f"{url}?{urlencode({'postcode': postcode})}" if url else None,
    }
