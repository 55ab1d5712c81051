"""After a bank holiday, collections are one day later for the rest of that week: the bin day page says so,
and says "Over Christmas and New Year the days change, so check your postcode". The lookup must show it."""
from datetime import date

import pytest

from places.bins import FOOD, RECYCLING, RUBBISH, next_collections
from places.models import CollectionRound

pytestmark = pytest.mark.django_db


def by_bin(round_, today):
    return {c.bin: c for c in next_collections(round_, today)}


def a_round(weekday):
    return CollectionRound(code=f"test-{weekday}", name="test", weekday=weekday, recycling_week="A")


def test_a_friday_collection_on_christmas_day_is_on_the_saturday_and_says_why():
    food = by_bin(a_round(4), date(2026, 12, 21))[FOOD]
    assert food.next_date == date(2026, 12, 26)
    assert "bank holiday on Friday 25 December" in food.note


def test_the_boxing_day_holiday_on_monday_moves_the_whole_week_a_day_later():
    collections = by_bin(a_round(2), date(2026, 12, 27))  # Wednesday's round
    assert collections[FOOD].next_date == date(2026, 12, 31)
    assert {collections[RUBBISH].next_date, collections[RECYCLING].next_date} == {date(2026, 12, 31), date(2027, 1, 6)}


def test_a_collection_moved_to_today_is_still_to_come():
    assert by_bin(a_round(4), date(2026, 12, 26))[FOOD].next_date == date(2026, 12, 26)


def test_a_week_without_a_bank_holiday_keeps_the_usual_day():
    collections = by_bin(a_round(3), date(2026, 12, 7))
    assert collections[FOOD].next_date == date(2026, 12, 10) and not collections[FOOD].note
    assert sorted([collections[RUBBISH].next_date, collections[RECYCLING].next_date]) == [
        date(2026, 12, 10), date(2026, 12, 17)]


def test_easter_monday_moves_a_thursday_to_friday():
    assert by_bin(a_round(3), date(2027, 3, 29))[FOOD].next_date == date(2027, 4, 2)
