"""More of each council's own places: "Find a ..." lists the places of the council whose site it is on (Fellside's
made-up recycling centre, library, village hall and car parks; Westmere's as before), and the bins a council's
collection days name are its own."""
import re
from datetime import date

import pytest
from directories.models import Place
from wagtail.models import Site

from cms_pages.demo.loader import FELLSIDE_FILE, CouncilLoader, DemoCouncilLoader, load_content
from places.bins import FOOD, GARDEN, RECYCLING, RUBBISH, next_collections
from places.models import Address, CollectionRound
from sitewide.models import CouncilSettings

from .conftest import FELLSIDE_HOST
from .test_places import bot_api  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

FELLSIDE_PLACES = {
    "recycling-centre": ["Tarn Road recycling centre"],
    "library": ["Kirkby Fell library"],
    "community-venue": ["Howgill Bridge village hall"],
    "car-park": ["Bridge End car park", "Market Place car park"],
}
WESTMERE_PLACES = {
    "recycling-centre": ["Eastbrook recycling centre", "Riverside recycling centre"],
    "library": ["Civic Centre library", "Eastbrook library"],
    "community-venue": ["Northgate community centre", "Riverside village hall"],
    "car-park": ["Market Street car park", "Northgate car park", "Station Road car park"],
}


def fellside_site():
    return Site.objects.get(hostname=FELLSIDE_HOST)


def names(html):
    """The places listed on a "Find a ..." page, in order."""
    return re.findall(r'<h3 class="govuk-summary-card__title"[^>]*>([^<]+?)\s*<', html)


# Find a place ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FELLSIDE_PLACES)
def test_each_council_s_find_a_place_lists_its_own_places_alone(kind, fellside, site_client):
    assert names(fellside.get(f"/find/{kind}/").content.decode()) == FELLSIDE_PLACES[kind]
    assert names(site_client.get(f"/find/{kind}/").content.decode()) == WESTMERE_PLACES[kind]


def test_each_council_s_find_a_place_counts_its_own_places(fellside, site_client):
    assert "Find car parks</a> (2)" in fellside.get("/find/").content.decode()
    assert "Find car parks</a> (3)" in site_client.get("/find/").content.decode()


def test_on_fellside_the_nearest_fellside_place_comes_first_from_a_fellside_postcode(fellside):
    howgill = fellside.get("/find/car-park/", {"postcode": "FL3 5GH"}).content.decode()
    assert names(howgill) == ["Bridge End car park", "Market Place car park"] and "miles away" in howgill
    kirkby = fellside.get("/find/car-park/", {"postcode": "fl1 2ab"}).content.decode()
    assert names(kirkby) == ["Market Place car park", "Bridge End car park"]


def test_a_council_s_facilities_to_choose_from_are_its_own_places(fellside):
    library = fellside.get("/find/library/").content.decode()
    assert "Free Wi-Fi" in library and "Baby changing" not in library  # Westmere's Civic Centre library has it


def test_fellside_s_places_are_made_up_at_fellside_s_postcodes():
    fellside = fellside_site()
    districts = {postcode.split(" ")[0] for postcode in Address.objects.filter(site=fellside)
                 .values_list("postcode", flat=True)}
    places = Place.objects.filter(site=fellside)
    assert places.count() == 5
    for place in places:
        assert place.postcode.split(" ")[0] in districts and re.fullmatch(r"FL\d \d[A-Z]{2}", place.postcode)
        assert not place.phone or place.phone.startswith("01632 960"), place.phone  # numbers set aside for drama


def test_the_loader_keeps_a_place_of_the_same_name_for_each_council(tmp_path):
    """Fellside's Market Street car park is Fellside's own: Westmere's is left as it was, in a first load and an
    update alike."""
    westmere = Place.objects.get(name="Market Street car park", site=None)
    places = tmp_path / "places.yaml"
    places.write_text(
        "places:\n"
        "  - {name: Market Street car park, kind: car-park, address: 'Market Street, Kirkby Fell', postcode: FL1 3DA,"
        " latitude: 54.3231, longitude: -2.6432}\n"
    )
    for update in (False, True):
        DemoCouncilLoader(update=update).load_directories(places, fellside_site())
    assert Place.objects.get(name="Market Street car park", site=fellside_site()).postcode == "FL1 3DA"
    westmere.refresh_from_db()
    assert westmere.site is None and westmere.postcode == "WM1 1AA" and westmere.address == "Market Street, Westmere"


# Bins ---------------------------------------------------------------------------------------------------------------

FELLSIDE_BINS = ["Rubbish (black bin)", "Recycling (green box)"]  # and no garden or food waste collections
WESTMERE_BINS = [RUBBISH, RECYCLING, GARDEN, FOOD]
A_DAY = date(2026, 11, 2)


def bin_names(round_):
    return [collection.bin for collection in next_collections(round_, A_DAY)]


def test_each_council_s_collections_name_its_own_bins():
    assert bin_names(CollectionRound.objects.get(code="tue-a", site=fellside_site())) == FELLSIDE_BINS
    assert bin_names(CollectionRound.objects.get(code="tue-a", site=None)) == WESTMERE_BINS
    assert WESTMERE_BINS == ["Rubbish (green bin)", "Recycling (blue bin)", "Garden waste (brown bin)",
                             "Food waste (caddy)"]  # as they always were


def test_a_council_s_bins_are_its_editors_to_rename_in_its_settings():
    fellside = CouncilSettings.for_site(fellside_site())
    fellside.food_waste_bin = "Food waste (grey caddy)"
    fellside.save()
    assert bin_names(CollectionRound.objects.get(code="tue-a", site=fellside_site())) == FELLSIDE_BINS + [
        "Food waste (grey caddy)"]
    assert bin_names(CollectionRound.objects.get(code="tue-a", site=None)) == WESTMERE_BINS


def test_fellside_s_bin_day_answers_and_calendar_name_fellside_s_bins(fellside, site_client, bot_api):  # noqa: F811
    answer = bot_api("bin-day", host=FELLSIDE_HOST, postcode="FL1 2AB").json()
    assert sorted(c["bin"] for c in answer["collections"]) == sorted(FELLSIDE_BINS)
    calendar = fellside.get("/bin-calendar/100092000001.ics").content.decode()
    assert "Rubbish (black bin)" in calendar and "green bin" not in calendar and "caddy" not in calendar

    westmere = bot_api("bin-day", postcode="WM1 1AA").json()
    assert sorted(c["bin"] for c in westmere["collections"]) == sorted(WESTMERE_BINS)
    assert "Recycling (blue bin)" in site_client.get("/bin-calendar/100091000002.ics").content.decode()


def test_a_council_loaded_before_it_had_bins_gets_its_own_from_its_file():
    """An installation whose Fellside was loaded before councils had bins of their own has the default council's;
    loading the demo again gives it its file's, and leaves a council's own names alone."""
    fellside = CouncilSettings.for_site(fellside_site())
    for name in ("rubbish_bin", "recycling_bin", "garden_waste_bin", "food_waste_bin"):
        setattr(fellside, name, CouncilSettings._meta.get_field(name).default)
    fellside.recycling_bin = "Recycling (orange box)"  # an editor's
    fellside.save()
    CouncilLoader(load_content(FELLSIDE_FILE), default=False).load_settings(fellside_site())
    fellside.refresh_from_db()
    assert (fellside.rubbish_bin, fellside.recycling_bin, fellside.garden_waste_bin, fellside.food_waste_bin) == (
        "Rubbish (black bin)", "Recycling (orange box)", "", "")
