"""An address's collections over a stretch of days, as a calendar and as JSON: the one schedule (places.bins) the
bin day page and the assistant use, bank holidays included."""
from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
from django.utils import timezone

from places.bins import bins_of, next_collections

DAYS_AHEAD = 365


def collections_between(round_, start, end):
    """[(day, [bins], [notes])] of every collection day from `start` to `end`, in order."""
    days, today = {}, start
    council_bins = bins_of(round_)  # once, not once a collection day
    while today <= end:
        coming = next_collections(round_, today, council_bins)
        for collection in coming:
            if collection.next_date <= end:
                bins, notes = days.setdefault(collection.next_date, ([], []))
                if collection.bin not in bins:
                    bins.append(collection.bin)
                    if collection.note and collection.note not in notes:
                        notes.append(collection.note)
        today = min(collection.next_date for collection in coming) + timedelta(days=1)
    return [(day, bins, notes) for day, (bins, notes) in sorted(days.items())]


def as_json(address, start=None, days=DAYS_AHEAD):
    start = start or timezone.localdate()
    round_ = address.collection_round
    collections = collections_between(round_, start, start + timedelta(days=days)) if round_ else []
    return {
        "uprn": address.uprn,
        "address": address.full,
        "day": round_.day_name if round_ else None,
        "collections": [{"date": day.isoformat(), "bins": bins, "notes": notes} for day, bins, notes in collections],
    }


def as_ical(address, url, council, start=None, days=DAYS_AHEAD):
    """An iCalendar of the address's collection days: one all-day event a day, naming the bins. `council`: the
    address's council (sitewide.council_emails), the calendar's maker, whose host its events' ids are on."""
    start = start or timezone.localdate()
    host = urlsplit(council.url()).hostname
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{council.name}//Bin collections//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Bin collections: {address.short}")
    calendar.add("refresh-interval;value=duration", "P1D")
    round_ = address.collection_round
    for day, bins, notes in collections_between(round_, start, start + timedelta(days=days)) if round_ else []:
        event = icalendar.Event()
        event.add("uid", f"{address.uprn}-{day.isoformat()}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", "Bin day: " + ", ".join(bins))
        event.add("description", "Put your bins out by 7am." + "".join(f" {note.capitalize()}." for note in notes))
        event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
