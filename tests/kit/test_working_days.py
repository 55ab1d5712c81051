"""Working days skip weekends and England's bank holidays: service standards count them."""
from datetime import date

from kit.working_days import add_working_days, is_working_day


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2026, 12, 4))  # a Friday
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 25)) and not is_working_day(date(2026, 12, 28))  # Boxing Day moved


def test_adding_working_days_steps_over_christmas():
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday -> Monday
    assert add_working_days(date(2025, 12, 19), 5) == date(2025, 12, 30)
    assert add_working_days(date(2026, 12, 4), 0) == date(2026, 12, 4)
    assert add_working_days(date(2026, 12, 4), -3) == date(2026, 12, 4)
