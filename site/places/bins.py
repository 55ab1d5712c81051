"""Which bins go out when, for a collection round: the one schedule the website and the assistant use.

Rubbish and recycling go out on alternate weeks on the round's weekday, garden waste (for those who
pay for it) with the recycling, and food waste every week. After a bank holiday, collections are one day
later for the rest of that week (what the bin day page tells residents), so Christmas and New Year move too.

Each council calls its bins its own names (Fellside's black bin and green box) in its Council settings, and a council
may collect no garden or food waste; the schedule is the same for every council.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from kit.working_days import bank_holidays
from sitewide.councils import council_for_site
from sitewide.current_site import current_site
from sitewide.models import CouncilSettings

# Weeks alternate A, B, A... from this Monday on, without a break at New Year (ISO week numbers would give
# two odd weeks running after a year with 53 weeks, such as 2026).
WEEK_A = date(2024, 1, 1)


def default_name(field):
    return CouncilSettings._meta.get_field(field).default


# The default council's bins (CouncilSettings' defaults): Rubbish (green bin), Recycling (blue bin), Garden waste
# (brown bin), Food waste (caddy)
RUBBISH = default_name("rubbish_bin")
RECYCLING = default_name("recycling_bin")
GARDEN = default_name("garden_waste_bin")
FOOD = default_name("food_waste_bin")


@dataclass(frozen=True)
class Bins:
    """What a council calls its bins; empty for garden or food waste it does not collect."""

    rubbish: str = RUBBISH
    recycling: str = RECYCLING
    garden: str = GARDEN
    food: str = FOOD


def bins_of(round_):
    """The bins of `round_`'s council (a round with no site is the default council's, as its addresses are)."""
    council = council_for_site(round_.site if round_.site_id else current_site())
    if council is None:  # no site at all (an empty database)
        return Bins()
    return Bins(council.rubbish_bin, council.recycling_bin, council.garden_waste_bin, council.food_waste_bin)


@dataclass(frozen=True)
class Collection:
    bin: str
    next_date: date
    every_weeks: int
    note: str = ""


def week_letter(day):
    return "A" if (day - WEEK_A).days // 7 % 2 == 0 else "B"


def moved_by(usual_day):
    """The bank holiday that moves a collection on `usual_day` a day later: one on a weekday of that week,
    on or before it. None when the collection is on its usual day."""
    monday = usual_day - timedelta(days=usual_day.weekday())
    for offset in range(usual_day.weekday() + 1):
        day = monday + timedelta(days=offset)
        if day in bank_holidays(day.year):
            return day
    return None


def actual_day(usual_day):
    return usual_day + timedelta(days=1) if moved_by(usual_day) else usual_day


def next_collections(round_, today=None, bins=None):
    """The next collection of each of the council's bins on `round_`, today included (bins go out by 7am), on the day
    it really happens: a collection moved by a bank holiday says so in its note. `bins`: the round's council's
    (bins_of), when the caller asks for many days."""
    today = today or timezone.localdate()
    bins = bins or bins_of(round_)
    # The round's day this week, or last week's: a collection a bank holiday moved may still be to come.
    usual = today - timedelta(days=(today.weekday() - round_.weekday) % 7)

    def is_recycling_week(day):
        return week_letter(day) == round_.recycling_week

    def first_from(start, every_weeks):
        while actual_day(start) < today:
            start += timedelta(weeks=every_weeks)
        return start

    week = timedelta(weeks=1)
    recycling = first_from(usual if is_recycling_week(usual) else usual + week, 2)
    rubbish = first_from(usual + week if is_recycling_week(usual) else usual, 2)
    food = first_from(usual, 1)

    def collection(name, usual_day, every_weeks, note=""):
        holiday = moved_by(usual_day)
        if holiday:
            moved = f"a day later than usual because of the bank holiday on {holiday.strftime('%A')} {holiday.day} " \
                f"{holiday.strftime('%B')}"
            note = f"{note}; {moved}" if note else moved
        return Collection(name, actual_day(usual_day), every_weeks, note=note)

    collections = [
        collection(bins.rubbish, rubbish, 2),
        collection(bins.recycling, recycling, 2),
        collection(bins.garden, recycling, 2, note="if you pay for garden waste collections"),
        collection(bins.food, food, 1),
    ]
    return [c for c in collections if c.bin]  # no name: the council does not collect it
