"""manage.py load_addresses: the documented CSV and areas layout, every mistake named, nothing half-loaded,
and loading again changes nothing. The demo council's own address list goes through the same loader."""
import csv
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from cms_pages.demo import loader as demo
from kit.uk import normalise_uk_phone
from places.bins import FOOD, GARDEN, RECYCLING, RUBBISH, next_collections
from places.models import Address, CollectionRound, Councillor, Ward

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).with_name("fixtures")
ADDRESSES, AREAS, BAD = FIXTURES / "addresses.csv", FIXTURES / "areas.yaml", FIXTURES / "bad_addresses.csv"


def load(*args):
    out = StringIO()
    call_command("load_addresses", *map(str, args), stdout=out)
    return out.getvalue()


def test_loads_the_csv_and_the_areas_file():
    said = load(ADDRESSES, "--areas", AREAS)
    assert "created 2 collection rounds, 2 wards, 2 councillors, 3 addresses" in said

    one = Address.objects.get(uprn="900000000001")
    assert (one.line_1, one.town, one.postcode) == ("1 Test Street", "Testbury", "TT1 1AB")
    assert (one.latitude, one.longitude) == (Decimal("52.100000"), Decimal("-1.250000"))
    assert one.collection_round.code == "test-mon" and one.collection_round.day_name == "Monday"
    assert one.ward.name == "Upper Town"
    two = Address.objects.get(uprn="900000000002")
    assert two.postcode == "TT1 1AB" and two.collection_round.weekday == 3 and two.ward.code == "lower-town"
    flat = Address.objects.get(uprn="900000000003")
    assert flat.short == "Flat 1, 3 Test Street" and flat.full == "Flat 1, 3 Test Street, Testbury, TT1 1AD"
    assert flat.latitude is None and flat.collection_round is None and flat.ward is None

    assert CollectionRound.objects.get(code="test-thu").name == "Thursday, week B"  # a name made when none is given
    ada = Councillor.objects.get(name="Ada Lovelace")
    assert ada.ward.code == "upper-town" and ada.phone_link == "tel:01632960901"
    assert ada.surgery == "Every Monday, 6pm to 7pm, Upper Town Library"
    assert [c.name for c in Ward.objects.get(code="upper-town").councillors.all()] == ["Ada Lovelace", "Alan Turing"]


def test_loading_again_changes_nothing_and_a_changed_row_updates_its_address(tmp_path):
    load(ADDRESSES, "--areas", AREAS)
    said = load(ADDRESSES, "--areas", AREAS)
    assert "created" not in said and "updated" not in said
    assert "unchanged 2 collection rounds, 2 wards, 2 councillors, 3 addresses" in said

    moved = tmp_path / "moved.csv"
    moved.write_text(ADDRESSES.read_text().replace("2 Test Street,,Testbury,TT11AB,52.100001,-1.250001,test-thu",
                                                   "2 Test Street,,Testbury,TT11AB,52.100001,-1.250001,test-mon"))
    assert "updated 1 addresses" in load(moved)
    assert Address.objects.get(uprn="900000000002").collection_round.code == "test-mon"
    assert Address.objects.filter(uprn__startswith="9000000000").count() == 3


def test_only_new_leaves_what_is_loaded_alone_and_remove_missing_removes(tmp_path):
    load(ADDRESSES, "--areas", AREAS)
    Address.objects.filter(uprn="900000000001").update(line_1="1 Renamed Street")
    load(ADDRESSES, "--only-new")
    assert Address.objects.get(uprn="900000000001").line_1 == "1 Renamed Street"

    fewer = tmp_path / "fewer.csv"
    fewer.write_text("\n".join(ADDRESSES.read_text().splitlines()[:2]) + "\n")
    before = Address.objects.count()
    assert "removed" in load(fewer, "--remove-missing")
    # the default council's list only: Fellside's is its own (tests/councils/test_places.py)
    assert not Address.objects.filter(site=None).exclude(uprn="900000000001").exists() and before > 1


def test_a_ward_loaded_again_has_exactly_the_councillors_listed(tmp_path):
    load("--areas", AREAS)
    after_election = tmp_path / "areas.yaml"
    areas = yaml.safe_load(AREAS.read_text())
    areas["wards"][0]["councillors"] = [{"name": "Grace Hopper", "phone": "01632 960903"}]
    after_election.write_text(yaml.safe_dump(areas))
    load("--areas", after_election)
    assert [c.name for c in Ward.objects.get(code="upper-town").councillors.all()] == ["Grace Hopper"]


def test_a_file_with_mistakes_loads_nothing_and_names_each_line():
    load("--areas", AREAS)
    addresses_before = Address.objects.count()
    with pytest.raises(CommandError) as error:
        load(BAD)
    said = str(error.value)
    assert "Nothing was loaded" in said
    for expected in (
        "line 2: UPRN '12ab' must be 1 to 12 digits",
        "line 3: address_line_1 is empty",
        "line 4: postcode 'not a postcode' is not a UK postcode",
        "line 5: latitude '91' must be a number from -90 to 90",
        "line 6: give both latitude and longitude, or neither",
        "line 7: collection round 'no-such-round' is not in the areas file or loaded",
        "line 7: ward 'no-such-ward' is not in the areas file or loaded",
        "line 9: UPRN 900000000016 is on line 8 too",
    ):
        assert expected in said, said
    assert Address.objects.count() == addresses_before  # line 8 was fine, but nothing is half-loaded


def test_wrong_columns_and_a_wrong_areas_file_are_refused(tmp_path):
    typo = tmp_path / "typo.csv"
    typo.write_text("uprn,adress_line_1,postcode\n1,1 Street,TT1 1AB\n")
    with pytest.raises(CommandError, match="(?s)unknown columns adress_line_1.*missing columns address_line_1"):
        load(typo)
    areas = tmp_path / "areas.yaml"
    areas.write_text("collection_rounds:\n  - {code: x, weekday: Someday, recycling_week: C}\nwards:\n"
                     "  - {code: w, name: W, councillors: [{name: X, email: nope, phone: '123'}]}\n")
    with pytest.raises(CommandError) as error:
        load("--areas", areas)
    for expected in ("weekday 'Someday' must be a day's name", "recycling_week 'C' must be A or B",
                     "email 'nope' is not an email address", "phone '123' is not a UK phone number"):
        assert expected in str(error.value)
    with pytest.raises(CommandError, match="Give an addresses CSV file"):
        load()


def test_the_demo_council_loads_its_address_list_through_the_same_loader():
    rows = list(csv.DictReader(demo.ADDRESSES_FILE.open()))
    assert Address.objects.filter(uprn__in=[row["uprn"] for row in rows]).count() == len(rows)
    # Westmere's wards (the default council's: Fellside has its own)
    assert Ward.objects.filter(site=None).count() == 17  # as the councillor page says
    assert Councillor.objects.filter(ward__site=None).count() == 34
    result = demo.address_list.load(demo.ADDRESSES_FILE, demo.AREAS_FILE, update=False)
    assert not result.created and not result.updated and not result.removed


def test_demo_contact_details_are_fictional():
    areas = yaml.safe_load(demo.AREAS_FILE.read_text())
    for ward in areas["wards"]:
        assert len(ward["councillors"]) == 2, ward["name"]
        for person in ward["councillors"]:
            assert person["email"].endswith("@example.org")
            assert normalise_uk_phone(person["phone"]).startswith("01632960")  # Ofcom's drama range


def test_a_demo_postcode_spans_two_rounds_and_two_wards():
    brook_road = Address.objects.filter(postcode="WM4 6BR")
    assert brook_road.values("collection_round__weekday").distinct().count() == 2
    assert brook_road.values("ward").distinct().count() == 2


def test_the_usual_days_on_the_bin_day_page_match_the_rounds():
    """Northgate Monday, Eastbrook Tuesday, town centre and Old Town Wednesday, Southfields and Riverside
    Thursday, the villages Friday (content.yaml), apart from the streets that are different."""
    usual = {"northgate": 0, "eastbrook": 1, "town-centre": 2, "old-town": 2, "southfields": 3, "riverside": 3,
             "westmere-green": 4, "ashby-marsh": 4}
    for code, weekday in usual.items():
        days = set(Address.objects.filter(ward__code=code).exclude(postcode="WM4 6BR")
                   .values_list("collection_round__weekday", flat=True))
        assert days == {weekday}, code


def test_rubbish_and_recycling_alternate_without_a_break_at_new_year():
    round_ = CollectionRound(code="thu-a", name="x", weekday=3, recycling_week="A")
    seen = []
    day = date(2026, 12, 1)
    while day < date(2027, 2, 1):
        coming = {c.bin: c.next_date for c in next_collections(round_, day)}
        # Thursday, or Friday in a week with a bank holiday (Christmas, New Year: tests/places/test_bank_holidays.py)
        assert coming[FOOD].weekday() in (3, 4) and coming[GARDEN] == coming[RECYCLING]
        assert abs((coming[RUBBISH] - coming[RECYCLING]).days) in (6, 7, 8)
        if coming[FOOD] == day:
            seen.append(RUBBISH if coming[RUBBISH] == day else RECYCLING)
        day = day.fromordinal(day.toordinal() + 1)
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False)), seen  # 2026 has 53 ISO weeks
