"""Which bins go out when, for a collection round: the one schedule the website and the assistant use.

Rubbish and recycling go out on alternate weeks on the round's weekday, garden waste (for those who
pay for it) with the recycling, and food waste every week.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

# Weeks alternate A, B, A... from this Monday on, without a break at New Year (ISO week numbers would give
# two odd weeks running after a year with 53 weeks, such as 2026).
WEEK_A = date(2024, 1, 1)

RUBBISH = "Rubbish (green bin)"
RECYCLING = "Recycling (blue bin)"
GARDEN = "Garden waste (brown bin)"
FOOD = "Food waste (caddy)"


@dataclass(frozen=True)
class Collection:
    bin: str
    next_date: date
    every_weeks: int
    note: str = ""


def week_letter(day):
    return "A" if (day - WEEK_A).days // 7 % 2 == 0 else "B"


def next_collections(round_, today=None):
    """The next collection of each bin on `round_`, today included (bins go out by 7am)."""
    today = today or timezone.localdate()
    next_day = today + timedelta(days=(round_.weekday - today.weekday()) % 7)

    def is_recycling_week(day):
        return week_letter(day) == round_.recycling_week

    week = timedelta(weeks=1)
    recycling = next_day if is_recycling_week(next_day) else next_day + week
    rubbish = next_day if not is_recycling_week(next_day) else next_day + week
    return [
        Collection(RUBBISH, rubbish, 2),
        Collection(RECYCLING, recycling, 2),
        Collection(GARDEN, recycling, 2, note="if you pay for garden waste collections"),
        Collection(FOOD, next_day, 1),
    ]
