"""Finding places: by kind, with every facility asked for, open now if asked, and nearest first from a postcode
(its addresses' average position, from the council's address list: no map service is asked). Each council has its
own places and address list (places/councils.py)."""
from dataclasses import dataclass
from math import asin, cos, radians, sin, sqrt

from django.db.models import Avg

from places.councils import of_council
from places.lookups import InvalidPostcode, addresses, normalise_postcode

from .models import Place

EARTH_MILES = 3958.8


class UnknownPostcode(LookupError):
    pass


@dataclass
class Found:
    place: object
    miles: float | None = None


def places_of(site):
    """The places of `site`'s council."""
    return of_council(Place.objects.all(), site)


def where_is(postcode, site):
    """(latitude, longitude) of a postcode of `site`'s council's address list; raises InvalidPostcode or
    UnknownPostcode (another council's postcode too)."""
    postcode = normalise_postcode(postcode)
    centre = addresses(site).filter(postcode=postcode, latitude__isnull=False).aggregate(
        lat=Avg("latitude"), lon=Avg("longitude")
    )
    if centre["lat"] is None:
        raise UnknownPostcode(postcode)
    return float(centre["lat"]), float(centre["lon"])


def miles_between(a, b):
    """Great-circle distance in miles (haversine)."""
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_MILES * asin(sqrt(h))


def find(places, facilities=(), open_now=False, near=None, moment=None):
    """[Found], nearest first when `near` (latitude, longitude) is given, else by name."""
    for facility in facilities:
        places = places.filter(facilities=facility)
    places = places.prefetch_related("hours", "facilities").distinct()
    found = [Found(place) for place in places if not open_now or place.is_open(moment)]
    if near is not None:
        for item in found:
            item.miles = miles_between(near, (float(item.place.latitude), float(item.place.longitude)))
        found.sort(key=lambda item: item.miles)
    return found


__all__ = ["InvalidPostcode", "UnknownPostcode", "find", "places_of", "where_is"]
