"""Each council its own address list: on Fellside's site a Westmere postcode is not in Fellside's area (in the
website's tools and the assistant's web API) and a Fellside postcode finds Fellside's addresses, rounds, wards and
councillors; on Westmere's site a Fellside postcode is not in Westmere's area, and Westmere's answers are as before.
"""
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from service_status.models import Disruption
from wagtail.models import Page, Site

from accounts import services
from casework.models import Submission
from councillors.ward import ward_requests
from places.models import Address, CollectionRound, Councillor, Ward

from .conftest import FELLSIDE_HOST
from .test_requests import fellside_form, westmere_form

pytestmark = pytest.mark.django_db
TOKEN = "t"
FELLSIDE_POSTCODE = "FL1 2AB"  # Tarn Road, Kirkby Fell
WESTMERE_POSTCODE = "WM1 1AA"  # Market Street, Westmere


@pytest.fixture
def bot_api(settings):
    """The action server's calls to the web API, as the resident's council's site (its Host)."""
    settings.BOT_API_TOKEN = TOKEN
    client = Client(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    def get(path, host="localhost", **query):
        return client.get(f"/api/bot/{path}/", query, HTTP_HOST=host)

    return get


def fellside_site():
    return Site.objects.get(hostname=FELLSIDE_HOST)


def test_fellside_has_its_own_address_list_with_its_own_rounds_and_wards():
    fellside = fellside_site()
    assert Address.objects.filter(site=fellside, postcode=FELLSIDE_POSTCODE).exists()
    assert not Address.objects.filter(site=fellside, postcode__startswith="WM").exists()
    # Both councils have a round called tue-a: each its own
    assert CollectionRound.objects.filter(code="tue-a").count() == 2
    assert {w.name for w in Ward.objects.filter(site=fellside)} == {"Kirkby Fell", "Howgill"}


def test_on_fellside_a_westmere_postcode_is_not_in_fellside_s_area(fellside, bot_api):
    outside = fellside.get("/find/library/", {"postcode": WESTMERE_POSTCODE}).content.decode()
    assert "Enter a postcode in the Fellside District Council area" in outside

    for path in ("bin-day", "councillors"):
        answer = bot_api(path, host=FELLSIDE_HOST, postcode=WESTMERE_POSTCODE)
        assert answer.status_code == 404 and answer.json()["error"] == "not_in_area"
        assert answer.json()["message"] == "That postcode is not in Fellside. Check your own council's website."
        assert answer.json()["council"] == "Fellside District Council"  # for the action server's own words
    assert bot_api("bin-day", host=FELLSIDE_HOST, uprn="100091000001").status_code == 404  # a Westmere address
    assert fellside.get("/bin-calendar/100091000001.json").status_code == 404


def test_on_fellside_a_fellside_postcode_finds_fellside_s_addresses_rounds_and_councillors(fellside, bot_api):
    bins = bot_api("bin-day", host=FELLSIDE_HOST, postcode="fl12ab")
    assert bins.status_code == 200, bins.json()
    data = bins.json()
    assert data["postcode"] == FELLSIDE_POSTCODE and data["day"] == "Tuesday" and data["same_for_every_address"]
    assert [a["address"] for a in data["rounds"][0]["addresses"]] == [
        "2 Tarn Road", "4 Tarn Road", "6 Tarn Road", "8 Tarn Road"]
    assert bot_api("bin-day", host=FELLSIDE_HOST, postcode="FL3 5GH").json()["day"] == "Friday"

    wards = bot_api("councillors", host=FELLSIDE_HOST, postcode=FELLSIDE_POSTCODE).json()["wards"]
    assert [(w["name"], [c["name"] for c in w["councillors"]]) for w in wards] == [
        ("Kirkby Fell", ["Rhona Dixon", "Callum Iredale"])]

    one = bot_api("bin-day", host=FELLSIDE_HOST, uprn="100092000001").json()
    assert one["address"] == "2 Tarn Road, Kirkby Fell, FL1 2AB" and one["day"] == "Tuesday"
    assert fellside.get("/bin-calendar/100092000001.json").json()["day"] == "Tuesday"
    assert b"PRODID:-//Fellside District Council//" in fellside.get("/bin-calendar/100092000001.ics").content


def test_on_fellside_my_account_saves_a_fellside_address_and_not_a_westmere_one(fellside):
    resident = get_user_model().objects.create_user("resident@example.org", "resident@example.org", "horse-99-x")
    profile = services.profile_for(resident)
    profile.verified_email = "resident@example.org"
    profile.save()
    fellside.force_login(resident)
    outside = fellside.get("/account/addresses/add/", {"postcode": WESTMERE_POSTCODE}).content.decode()
    assert "Enter a postcode in the Fellside District Council area" in outside
    assert fellside.post("/account/addresses/add/", {"postcode": "FL3 5GH", "uprn": "100092000019"}).status_code == 302
    assert [saved.address.line_1 for saved in profile.addresses.all()] == ["2 Bridge End"]


def test_a_fellside_address_s_bin_reminder_emails_are_fellside_s(fellside):
    fellside.post("/bin-calendar/100092000001/remind/", {"email": "jo@example.org"})
    confirm = mail.outbox[-1].body
    assert "http://fellside.localhost" in confirm and confirm.strip().endswith("Fellside District Council")


def test_a_fellside_councillor_s_ward_has_the_requests_sent_to_fellside_from_its_postcodes():
    councillor = Councillor.objects.get(name="Rhona Dixon")  # Kirkby Fell: FL1 2AB
    to_fellside = Submission.objects.create(page=fellside_form(), form_data={}, postcode=FELLSIDE_POSTCODE)
    to_westmere = Submission.objects.create(page=westmere_form(), form_data={}, postcode=FELLSIDE_POSTCODE)
    found = list(ward_requests(councillor))
    assert to_fellside in found and to_westmere not in found  # a Fellside resident's request to Westmere


def test_fellside_s_messages_give_one_of_its_own_postcodes_as_the_example(fellside, bot_api):
    wrong = bot_api("bin-day", host=FELLSIDE_HOST, postcode="my house")
    assert wrong.status_code == 400 and wrong.json()["message"].endswith("like FL1 2AB.")
    assert "for example FL1 2AB" in fellside.get("/find/library/").content.decode()


def test_on_westmere_a_fellside_postcode_is_not_in_westmere_s_area_and_its_own_answers_are_as_before(
        site_client, bot_api):
    assert Address.objects.filter(postcode=FELLSIDE_POSTCODE).exists()  # on the installation, as Fellside's
    outside = site_client.get("/find/library/", {"postcode": FELLSIDE_POSTCODE}).content.decode()
    assert "Enter a postcode in the Westmere District Council area" in outside
    tool = site_client.get("/bins-and-recycling/bin-collection-day/", {"postcode": FELLSIDE_POSTCODE})
    assert "Enter a postcode in the Westmere District Council area" in tool.content.decode()
    for path in ("bin-day", "councillors"):
        answer = bot_api(path, postcode=FELLSIDE_POSTCODE)
        assert answer.status_code == 404 and answer.json()["error"] == "not_in_area"
        assert answer.json()["message"] == "That postcode is not in Westmere. Check your own council's website."
    assert bot_api("bin-day", uprn="100092000001").status_code == 404
    assert site_client.get("/bin-calendar/100092000001.ics").status_code == 404

    data = bot_api("bin-day", postcode=WESTMERE_POSTCODE).json()
    assert data["day"] == "Wednesday" and "1 Market Street" in [a["address"] for a in data["rounds"][0]["addresses"]]
    assert bot_api("bin-day", postcode="my house").json()["message"].endswith("like WM1 1AA.")
    assert "for example WM1 1AA" in site_client.get("/find/library/").content.decode()
    assert "Enter a postcode" not in site_client.get("/find/library/", {"postcode": WESTMERE_POSTCODE}).content.decode()


def test_a_council_s_disruptions_are_listed_on_its_own_service_status_page(fellside, site_client):
    bins = Page.objects.get(url_path="/fellside/bins-and-recycling/")
    disruption = Disruption.objects.create(
        title="Fell road collections a day late", details="Snow.", ends_at=timezone.now() + timezone.timedelta(days=1)
    )
    disruption.pages.set([bins])
    assert "Fell road collections a day late" in fellside.get("/service-status/").content.decode()
    assert "Fell road collections a day late" not in site_client.get("/service-status/").content.decode()
    assert "Fell road collections a day late" not in site_client.get("/service-status/feed/").content.decode()


def test_load_addresses_loads_a_council_s_list_by_its_hostname(tmp_path):
    areas = tmp_path / "areas.yaml"
    areas.write_text("collection_rounds:\n  - {code: tue-a, name: Tuesdays, weekday: Tuesday}\n")
    rows = tmp_path / "addresses.csv"
    rows.write_text("uprn,address_line_1,town,postcode,collection_round\n"
                    "100092000901,9 Tarn Road,Kirkby Fell,FL1 2AB,tue-a\n")
    out = StringIO()
    call_command("load_addresses", str(rows), "--areas", str(areas), "--council", FELLSIDE_HOST, stdout=out)
    assert "created 1 addresses; updated 1 collection rounds" in out.getvalue()
    assert Address.objects.get(uprn="100092000901").collection_round.site == fellside_site()
    # Fellside's round tue-a is renamed; Westmere's is its own
    assert CollectionRound.objects.get(code="tue-a", site=fellside_site()).name == "Tuesdays"
    assert CollectionRound.objects.get(code="tue-a", site=None).name == "Tuesday, recycling in week A"

    with pytest.raises(CommandError, match="UPRN 100092000901 is in another council's address list"):
        call_command("load_addresses", str(rows), stdout=out)  # the default council's
    with pytest.raises(CommandError, match="No site has the hostname"):
        call_command("load_addresses", str(rows), "--council", "nowhere.localhost", stdout=out)


def test_the_assistant_is_told_one_of_its_council_s_postcodes_for_its_examples(bot_api):
    assert bot_api("council", host=FELLSIDE_HOST).json()["example_postcode"].startswith("FL")
    assert bot_api("council").json()["example_postcode"].startswith("WM")
