"""Bin collection days from the demo collection rounds."""
from datetime import date, timedelta

from kit.uk import NotAPostcode
from kit.uk import normalise_postcode as uk_postcode

from .models import CollectionRound

BIN_DAY_PAGE = "/bins-and-recycling/bin-collection-day/"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class InvalidPostcode(ValueError):
    pass


class NotInArea(LookupError):
    pass


def normalise_postcode(text):
    """'wm1 1aa' -> 'WM1 1AA'; raises InvalidPostcode for anything that is not a UK postcode."""
    try:
        return uk_postcode(text)
    except NotAPostcode as error:
        raise InvalidPostcode(text) from error


def collections_for(postcode, today=None):
    postcode = normalise_postcode(postcode)
    sector = postcode[:-2]
    round_ = CollectionRound.objects.filter(postcode_sector=sector).first()
    if round_ is None:
        raise NotInArea(postcode)
    today = today or date.today()
    next_day = today + timedelta(days=(round_.weekday - today.weekday()) % 7)

    def is_recycling_week(day):
        return (day.isocalendar().week % 2 == 0) == round_.recycling_on_even_weeks

    recycling = next_day if is_recycling_week(next_day) else next_day + timedelta(weeks=1)
    rubbish = next_day if not is_recycling_week(next_day) else next_day + timedelta(weeks=1)
    return {
        "postcode": postcode,
        "day": WEEKDAYS[round_.weekday],
        "collections": [
            {"bin": "Rubbish (green bin)", "day": WEEKDAYS[round_.weekday], "next_date": rubbish.isoformat()},
            {"bin": "Recycling (blue bin)", "day": WEEKDAYS[round_.weekday], "next_date": recycling.isoformat()},
            {"bin": "Garden waste (brown bin)", "day": WEEKDAYS[round_.weekday], "next_date": recycling.isoformat()},
        ],
        "url": BIN_DAY_PAGE,
    }
