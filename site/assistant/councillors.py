"""A postcode's ward and its councillors for the bot's web API, from the address list (places) the
website's councillor finder reads. A postcode on a ward boundary gives both wards, each with its addresses."""
from urllib.parse import urlencode

from places import lookups

FIND_COUNCILLOR_PAGE = "/council-and-democracy/find-your-councillor/"


def councillor_json(councillor):
    return {
        "name": councillor.name, "party": councillor.party, "email": councillor.email,
        "phone": councillor.phone, "surgery": councillor.surgery,
    }


def wards_for(postcode):
    """{postcode, wards: [{name, councillors, addresses}], same_for_every_address, url, lookup_url}.
    Raises places.lookups.InvalidPostcode, NotInArea or NoAddresses."""
    addresses = lookups.addresses_at(postcode)
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
        "url": FIND_COUNCILLOR_PAGE,
        "lookup_url": f"{FIND_COUNCILLOR_PAGE}?{urlencode({'postcode': postcode})}",
    }
