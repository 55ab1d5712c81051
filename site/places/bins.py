"""Which bins go out when, for a collection round: the one schedule the website and the assistant use.

Rubbish and recycling go out on alternate weeks on the round's weekday, garden waste (for those who
pay for it) with the recycling, and food waste every week. After a bank holiday, collections are one day
later for the rest of that week (what the bin day page tells residents), so Christmas and New Year move too.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from kit.working_days import bank_holidays

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


def next_collections(round_, today=None):
    """The next collection of each bin on `round_`, today included (bins go out by 7am), on the day it really
    happens: a collection moved by a bank holiday says so in its note."""
    today = today or timezone.localdate()
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

    return [
        collection(RUBBISH, rubbish, 2),
        collection(RECYCLING, recycling, 2),
        collection(GARDEN, recycling, 2, note="if you pay for garden waste collections"),
        collection(FOOD, food, 1),
    ]
