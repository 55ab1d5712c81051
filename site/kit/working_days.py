"""England's working days: Monday to Friday except bank holidays (the `holidays` package's list). Service
standards ("within 10 working days") and bin days that a bank holiday moves both count them."""
from datetime import timedelta
from functools import lru_cache

import holidays

MAX_WORKING_DAYS = 400  # no service standard is longer; it bounds the loop for a bad number


@lru_cache(maxsize=16)
def bank_holidays(year):
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day):
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start, count):
    """The date `count` working days after `start` (a date): 5 working days after Friday 19 December 2025 is
    Tuesday 30 December (Christmas Day and Boxing Day are bank holidays)."""
    day = start
    for _ in range(min(max(int(count), 0), MAX_WORKING_DAYS)):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day
