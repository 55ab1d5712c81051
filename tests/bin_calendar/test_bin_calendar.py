"""Bin collection calendar (issue 26): an address's iCalendar feed parses and lists its collection days, with a
bank holiday's move; the JSON says the same; a reminder is asked for, confirmed by its link, sent the evening before
once, and not after one click on its stop link."""
from datetime import date, datetime, timedelta

import icalendar
import pytest
import time_machine
from bin_calendar.models import BinReminder
from bin_calendar.reminders import send_due
from bin_calendar.schedule import collections_between
from django.core import mail
from django.utils import timezone

from places.bins import next_collections
from places.models import Address

pytestmark = pytest.mark.django_db
UPRN = "100091000002"  # 3 Market Street, WM1 1AA (a Wednesday round)


def test_the_calendar_parses_and_lists_the_collection_days(client):
    address = Address.objects.get(uprn=UPRN)
    today = timezone.localdate()
    response = client.get(f"/bin-calendar/{UPRN}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    days = [event.decoded("dtstart") for event in events]
    assert days == sorted(days) and len(days) >= 50  # about a year of weekly collections
    first = min(c.next_date for c in next_collections(address.collection_round, today))
    assert days[0] == first
    assert all(day.weekday() in (address.collection_round.weekday, (address.collection_round.weekday + 1) % 7)
               for day in days)  # its weekday, or the day after when a bank holiday moves it
    assert any("Food waste (caddy)" in str(event.get("summary")) for event in events)
    data = client.get(f"/bin-calendar/{UPRN}.json").json()
    assert [date.fromisoformat(c["date"]) for c in data["collections"]] == days
    assert client.get("/bin-calendar/999999999999.ics").status_code == 404


def test_a_bank_holiday_moves_the_day_in_the_calendar():
    round_ = Address.objects.get(uprn=UPRN).collection_round  # Wednesdays
    days = [day for day, _, _ in collections_between(round_, date(2026, 12, 21), date(2027, 1, 8))]
    # Christmas Day is Friday 25, after Wednesday 23; Boxing Day's holiday is Monday 28: Wednesday 30 moves on
    assert date(2026, 12, 23) in days and date(2026, 12, 31) in days and date(2026, 12, 30) not in days


def test_a_reminder_is_confirmed_then_sent_the_evening_before_once_and_stops_with_one_click(client):
    address = Address.objects.get(uprn=UPRN)
    client.post(f"/bin-calendar/{UPRN}/remind/", {"email": "jo@example.org"})
    reminder = BinReminder.objects.get()
    assert reminder.confirmed_at is None and "Confirm your bin day reminders" in mail.outbox[-1].subject
    later = timezone.localdate() + timedelta(days=2)
    collection = min(c.next_date for c in next_collections(address.collection_round, later))
    evening = timezone.make_aware(datetime.combine(collection - timedelta(days=1), datetime.min.time()))
    evening = evening.replace(hour=19)
    mail.outbox.clear()
    with time_machine.travel(evening, tick=False):
        assert send_due() == 0  # not confirmed: nothing
    assert client.get(f"/bin-calendar/confirm/{reminder.token}/").status_code == 200  # a scanner confirms nothing
    assert BinReminder.objects.get().confirmed_at is None
    client.post(f"/bin-calendar/confirm/{reminder.token}/")
    with time_machine.travel(evening.replace(hour=12), tick=False):
        assert send_due() == 0  # not yet evening
    with time_machine.travel(evening, tick=False):
        assert send_due() == 1 and send_due() == 0  # once
    assert mail.outbox[-1].subject.startswith("Bin day tomorrow:") and "Stop these reminders" in mail.outbox[-1].body
    stop = mail.outbox[-1].body.split("/bin-calendar/stop/")[1].split()[0]
    assert "Reminders stopped" in client.get(f"/bin-calendar/stop/{stop}").content.decode()
    assert not BinReminder.objects.exists()
    with time_machine.travel(evening + timedelta(days=7), tick=False):
        assert send_due() == 0
