"""Find a ... (issue 26): places of a kind, with every facility asked for, open now, and nearest first from a
postcode of the address list."""
import re
from datetime import datetime

import pytest
import time_machine
from directories.finding import miles_between
from django.utils import timezone

pytestmark = pytest.mark.django_db


def names(html):
    return re.findall(r'<h3 class="govuk-summary-card__title"[^>]*>([^<]+?)\s*<', html)


def test_nearest_first_from_a_postcode(client):
    assert names(client.get("/find/recycling-centre/?postcode=WM4+6BR").content.decode()) == [
        "Eastbrook recycling centre", "Riverside recycling centre"]
    assert names(client.get("/find/recycling-centre/?postcode=wm2+4ht").content.decode()) == [
        "Riverside recycling centre", "Eastbrook recycling centre"]
    assert round(miles_between((52.56714, -2.115537), (52.581199, -2.09944)), 1) == 1.2


def test_filters_by_facility_and_open_now(client):
    from directories.models import Facility

    baby_changing = Facility.objects.get(name="Baby changing").pk
    assert f'value="{baby_changing}"' in client.get("/find/library/").content.decode()  # a choice
    chosen = client.get(f"/find/library/?facilities={baby_changing}").content.decode()
    assert names(chosen) == ["Civic Centre library"]
    monday_evening = timezone.make_aware(datetime(2026, 12, 7, 18, 30))
    with time_machine.travel(monday_evening, tick=False):
        assert names(client.get("/find/library/?open_now=on").content.decode()) == ["Civic Centre library"]
        assert len(names(client.get("/find/car-park/?open_now=on").content.decode())) == 3  # open at all times


def test_a_postcode_that_is_not_one_or_not_here_gets_a_clear_message(client):
    from kit.messages import POSTCODE_INVALID

    assert POSTCODE_INVALID in client.get("/find/library/?postcode=nonsense").content.decode()
    outside = client.get("/find/library/?postcode=SW1A+1AA").content.decode()
    assert "Enter a postcode in the Westmere District Council area" in outside
    assert client.get("/find/spaceship/").status_code == 404
