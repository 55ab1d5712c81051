"""Live chat and the staff admin answer for the chat's own council: its contact centre's hours, its staff's name in
the widget, its forms for a request made from the chat, and its own staff as owners of its service areas."""
import json
import re
import shutil
import subprocess
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from wagtail.models import Site

from assistant import handoffs
from assistant.models import HandoffRequest
from assistant.opening_hours import is_open
from casework.models import RequestArea
from cms_pages.models import ServiceAreaPage, TaskFormPage
from governance.models import ServiceAreaOwner
from sitewide.models import CouncilSettings
from tests.conftest import REPO

from .conftest import FELLSIDE_HOST, hand_over

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
MONDAY_8_45 = datetime(2026, 3, 2, 8, 45, tzinfo=LONDON)
MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
FRIDAY_10 = datetime(2026, 3, 6, 10, 0, tzinfo=LONDON)
SATURDAY_10 = datetime(2026, 3, 7, 10, 0, tzinfo=LONDON)
NINE_TO_FIVE = override_settings(CONTACT_CENTRE_DAYS=[0, 1, 2, 3, 4], CONTACT_CENTRE_OPENS="09:00",
                                 CONTACT_CENTRE_CLOSES="17:00")
ALWAYS_CLOSED = override_settings(CONTACT_CENTRE_DAYS=[])


def fellside_site():
    return Site.objects.get(hostname=FELLSIDE_HOST)


def westmere_site():
    return Site.objects.get(is_default_site=True)


def set_hours(site, days=(), opens=None, closes=None):
    council = CouncilSettings.for_site(site)
    council.contact_centre_days, council.contact_centre_opens, council.contact_centre_closes = list(days), opens, closes
    council.save()  # bumps the page cache's version: the chat reads the new hours at once
    return council


def fellside_mondays_to_thursdays():
    """Fellside's contact centre: Monday to Thursday from 8:30am, as its written hours say."""
    return set_hours(fellside_site(), [0, 1, 2, 3], time(8, 30), time(17))


def always(site):
    return set_hours(site, range(7), time(0), time(23, 59, 59))


def member(username, group, first_name=""):
    user = User.objects.create_user(username, f"{username}@example.org", "x", first_name=first_name)
    user.groups.add(Group.objects.get(name=group))
    return user


# 1. Each council's contact centre keeps its own hours ----------------------------------------------------------


@NINE_TO_FIVE
def test_the_demo_s_fellside_waits_for_a_person_from_8_30_as_its_hours_say():
    assert is_open(MONDAY_8_45, site=fellside_site()) and not is_open(MONDAY_8_45, site=westmere_site())
    assert not is_open(datetime(2026, 3, 2, 16, 45, tzinfo=LONDON), site=fellside_site())
    assert not is_open(SATURDAY_10, site=fellside_site())


@NINE_TO_FIVE
def test_a_council_without_hours_of_its_own_keeps_the_installation_s():
    set_hours(fellside_site())  # the demo gives Fellside hours of its own: take them away
    for site in (westmere_site(), fellside_site()):
        assert is_open(MONDAY_10, site=site) and is_open(FRIDAY_10, site=site)
        assert not is_open(MONDAY_8_45, site=site) and not is_open(SATURDAY_10, site=site)


@NINE_TO_FIVE
def test_fellside_s_own_hours_decide_when_its_contact_centre_is_open_and_westmere_s_stay_as_they_were():
    fellside_mondays_to_thursdays()
    assert is_open(MONDAY_8_45, site=fellside_site()) and not is_open(FRIDAY_10, site=fellside_site())
    assert not is_open(MONDAY_8_45, site=westmere_site()) and is_open(FRIDAY_10, site=westmere_site())


@NINE_TO_FIVE
def test_a_council_s_own_times_with_the_installation_s_days():
    set_hours(fellside_site(), opens=time(8, 30))
    assert is_open(MONDAY_8_45, site=fellside_site()) and not is_open(SATURDAY_10, site=fellside_site())


@ALWAYS_CLOSED
def test_the_assistant_is_told_whether_the_resident_s_own_council_is_open(site_client, fellside):
    always(fellside_site())
    assert fellside.get("/api/bot/council/").json()["open_now"] is True
    assert site_client.get("/api/bot/council/").json()["open_now"] is False


def test_the_assistant_is_given_the_council_s_own_bin_day_page_or_none(site_client, fellside):
    """Fellside has no bin collection day page: the assistant links none there, never Westmere's."""
    assert fellside.get("/api/bot/council/").json()["bin_day_url"] is None
    assert site_client.get("/api/bot/council/").json()["bin_day_url"].endswith(
        "/bins-and-recycling/bin-collection-day/")


@ALWAYS_CLOSED
def test_a_chat_waits_for_a_person_in_its_own_council_s_hours(site_client, fellside):
    always(fellside_site())
    handoffs.mark_staff_seen(member("sam", "Shared customer service", "Sam"))
    fellside_chat = hand_over(fellside, "fellside-resident-1")
    westmere_chat = hand_over(site_client, "westmere-resident-1")
    assert fellside_chat["status"] == HandoffRequest.Status.WAITING
    assert westmere_chat["status"] == HandoffRequest.Status.OUT_OF_HOURS
    assert "Our team is not working right now (Monday to Friday, 9am to 5pm)" in westmere_chat["message"]


@override_settings(CONTACT_CENTRE_DAYS=list(range(7)), CONTACT_CENTRE_OPENS="00:00", CONTACT_CENTRE_CLOSES="23:59:59")
def test_out_of_its_own_council_s_hours_a_chat_is_saved_for_later_though_the_installation_is_open(site_client,
                                                                                                    fellside):
    fellside_mondays_to_thursdays()
    handoffs.mark_staff_seen(member("sam", "Shared customer service", "Sam"))
    with time_machine.travel(SATURDAY_10, tick=False):
        fellside_chat = hand_over(fellside, "fellside-resident-2")
        westmere_chat = hand_over(site_client, "westmere-resident-2")
        fellside_open_now = fellside.get("/api/bot/council/").json()["open_now"]
    assert fellside_chat["status"] == HandoffRequest.Status.OUT_OF_HOURS and fellside_open_now is False
    assert "Our team is not working right now (Monday to Thursday, 8:30am to 5pm" in fellside_chat["message"]
    assert westmere_chat["status"] == HandoffRequest.Status.WAITING


@ALWAYS_CLOSED
def test_in_its_council_s_hours_with_nobody_free_the_resident_is_not_told_the_team_is_not_working(fellside):
    always(fellside_site())  # open, but nobody who works for Fellside has the queue open
    chat = hand_over(fellside, "fellside-resident-3")
    assert chat["status"] == HandoffRequest.Status.OUT_OF_HOURS
    assert chat["message"].startswith("Sorry, nobody is free to chat at the moment.")


def test_live_chat_hours_must_agree_with_the_hours_residents_are_told():
    council = CouncilSettings.for_site(fellside_site())  # "Monday to Thursday, 8:30am to 5pm, and Friday, ..."
    council.contact_centre_opens, council.contact_centre_closes = time(9), time(17)
    with pytest.raises(ValidationError) as refused:
        council.full_clean()
    assert refused.value.message_dict == {"opening_hours": [
        "Live chat is open 9am to 5pm (Live chat hours): say the same times here, or change those."
    ]}
    council.contact_centre_opens = time(8, 30)
    council.full_clean()


def test_live_chat_must_close_after_it_opens():
    council = CouncilSettings.for_site(westmere_site())
    council.contact_centre_opens, council.contact_centre_closes = time(17), time(9)
    council.opening_hours = "Weekdays, office hours"  # no times to contradict
    with pytest.raises(ValidationError) as refused:
        council.full_clean()
    assert refused.value.message_dict == {"contact_centre_closes": ["Live chat must close after it opens (5pm)."]}


def test_westmere_s_settings_are_valid_as_they_were():
    CouncilSettings.for_site(westmere_site()).full_clean()


def test_the_council_settings_form_ticks_days_and_keeps_them(django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    site = fellside_site()
    url = f"/admin/settings/sitewide/councilsettings/{site.pk}/"
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(privacy_page=form.initial["privacy_page"] or "", cookies_page=form.initial["cookies_page"] or "",
                contact_centre_days=["0", "1", "2", "3"], contact_centre_opens="08:30", contact_centre_closes="17:00")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    council = CouncilSettings.objects.get(site=site)
    assert (council.contact_centre_days, council.contact_centre_opens) == ([0, 1, 2, 3], time(8, 30))
    ticked = re.findall(r'<input[^>]*name="contact_centre_days"[^>]*>', client.get(url).content.decode())
    assert [re.search(r'value="(\d)"', box)[1] for box in ticked if " checked" in box] == ["0", "1", "2", "3"]


# 2. The chat widget names the council whose staff are writing ---------------------------------------------------

CHAT_JS = REPO / "site" / "frontend" / "js" / "chat"
# Enough of a DOM for dom.js to build one message (node has none): elements with text, classes and children.
RENDER_A_STAFF_MESSAGE = """
const element = (tag) => ({
  tag, children: [], textContent: '', className: '', classList: { add () {} }, setAttribute () {},
  append (...nodes) { this.children.push(...nodes) }
})
globalThis.document = { createElement: element, createTextNode: (text) => ({ textContent: text }) }
const { renderMessage, staffLabel } = await import(process.argv[1])
const said = (label) => renderMessage(element('div'), { role: 'staff', text: 'Hello' }, label).children[0].textContent
console.log(JSON.stringify([said(staffLabel('Fellside')), said(staffLabel('')), said(staffLabel(undefined)), said()]))
"""


def test_the_widget_is_told_whose_site_it_is_on(fellside, site_client):
    assert 'data-council="Fellside"' in fellside.get("/").content.decode()
    assert 'data-council="Westmere"' in site_client.get("/").content.decode()


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js, as the front-end build does")
def test_staff_messages_are_labelled_with_the_council_s_name_else_council_staff():
    labels = subprocess.run(
        ["node", "--input-type=module", "-e", RENDER_A_STAFF_MESSAGE, (CHAT_JS / "dom.js").as_uri()],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout
    assert json.loads(labels) == ["Fellside staff:", "Council staff:", "Council staff:", "Council staff:"]


# 3. A request made from a chat is made on its council's form --------------------------------------------------

NEW_REQUEST = "/admin/new-request/"


def form_of(home, task_path):
    """The online form of a council's task (`home`: its home page's slug)."""
    return TaskFormPage.objects.get(url_path=f"/{home}{task_path}start/")


def staff_client(user):
    client = Client(HTTP_HOST="localhost")  # staff work in the default site's admin, whichever council they answer
    client.force_login(user)
    return client


def rows(html):
    """The choose page's table rows, as the text of their cells."""
    table = html[html.index('<table class="listing">'):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    return [re.findall(r"<td>(?:<a [^>]*>)?(.*?)(?:</a>)?</td>", row) for row in body.split("</tr>")[:-1]]


def test_a_request_from_a_fellside_chat_offers_fellside_s_forms_alone():
    shared = member("sam", "Shared customer service", "Sam")
    chat = HandoffRequest.objects.create(sender_id="fellside-resident-9", site=fellside_site(), topic="general")
    client = staff_client(shared)
    fellside_missed_bin = form_of("fellside", "/bins-and-recycling/report-a-missed-bin/")
    westmere_missed_bin = form_of("home", "/bins-and-recycling/report-a-missed-bin/")
    westmere_council_tax = form_of("home", "/council-tax/pay/")
    query = f"?handoff={chat.reference}"

    listing = client.get(f"{NEW_REQUEST}{query}").content.decode()
    assert f'href="{NEW_REQUEST}{fellside_missed_bin.pk}/{query}"' in listing
    for westmere_form in (westmere_missed_bin, westmere_council_tax):
        assert f"{NEW_REQUEST}{westmere_form.pk}/" not in listing
    assert "These are the forms of Fellside District Council, whose chat it is." in listing
    assert '<th scope="col">Council</th>' not in listing  # one council's forms

    assert client.get(f"{NEW_REQUEST}{westmere_missed_bin.pk}/{query}").status_code == 404
    assert client.post(f"{NEW_REQUEST}{westmere_missed_bin.pk}/check/{query}").status_code == 404
    assert client.get(f"{NEW_REQUEST}{fellside_missed_bin.pk}/{query}").status_code == 200


def test_a_westmere_chat_offers_westmere_s_forms_alone():
    chat = HandoffRequest.objects.create(sender_id="westmere-resident-9", site=westmere_site(), topic="general")
    listing = staff_client(member("sam", "Shared customer service")).get(
        f"{NEW_REQUEST}?handoff={chat.reference}").content.decode()
    assert f"{NEW_REQUEST}{form_of('home', '/council-tax/pay/').pk}/" in listing
    assert f"{NEW_REQUEST}{form_of('fellside', '/bins-and-recycling/report-a-missed-bin/').pk}/" not in listing


def test_without_a_chat_the_shared_team_sees_each_form_s_council_and_a_council_s_own_team_its_forms():
    listing = staff_client(member("sam", "Shared customer service")).get(NEW_REQUEST).content.decode()
    title = form_of("fellside", "/bins-and-recycling/bulky-waste/").title
    assert title == form_of("home", "/bins-and-recycling/bulky-waste/").title  # the same form at each council
    assert sorted(row[-1] for row in rows(listing) if row[0] == title) == [
        "Fellside District Council", "Westmere District Council"
    ]

    own = staff_client(member("fran", "Fellside customer service")).get(NEW_REQUEST).content.decode()
    assert '<th scope="col">Council</th>' not in own
    assert f"{NEW_REQUEST}{form_of('fellside', '/bins-and-recycling/report-a-missed-bin/').pk}/" in own
    assert f"{NEW_REQUEST}{form_of('home', '/bins-and-recycling/report-a-missed-bin/').pk}/" not in own


# 4. A council's service areas are owned, and their requests handled, by its own staff -------------------------

OWNERS, TEAMS_AREAS = "/admin/service_area_owners/", "/admin/request_areas/"


def area_of(home, slug):
    return ServiceAreaPage.objects.get(url_path=f"/{home}/{slug}/")


@pytest.fixture
def administrator(django_user_model):
    return staff_client(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))


def test_a_fellside_area_s_owner_works_for_fellside(administrator):
    fellside_bins = area_of("fellside", "bins-and-recycling")
    westmere_owner = member("wes", "Service owners", "Wes")
    refused = administrator.post(f"{OWNERS}new/", {"area": fellside_bins.pk, "user": westmere_owner.pk})
    assert refused.status_code == 200
    assert refused.context["form"].errors["user"] == [
        "Wes does not work for Fellside District Council, whose service area Bins and recycling is. Choose someone "
        "who does, or give one of their groups that council in Settings > Councils' teams."
    ]
    assert not ServiceAreaOwner.objects.filter(area=fellside_bins).exists()

    fellside_owner = member("fay", "Fellside service owners", "Fay")
    for area, owner in ((fellside_bins, fellside_owner), (area_of("home", "bins-and-recycling"), westmere_owner)):
        assert administrator.post(f"{OWNERS}new/", {"area": area.pk, "user": owner.pk}).status_code == 302
        assert ServiceAreaOwner.objects.filter(area=area, user=owner).exists()


def test_changing_an_owner_s_area_to_another_council_s_is_refused(administrator):
    owner = ServiceAreaOwner.objects.create(area=area_of("home", "council-tax"), user=member("wes", "Service owners"))
    refused = administrator.post(f"{OWNERS}edit/{owner.pk}/", {"area": area_of("fellside", "council-tax").pk,
                                                               "user": owner.user_id})
    assert "does not work for Fellside District Council" in refused.context["form"].errors["user"][0]
    owner.refresh_from_db()
    assert owner.area.url_path == "/home/council-tax/"


def test_a_team_handles_the_requests_of_its_own_council_s_areas_alone(administrator):
    fellside_bins = area_of("fellside", "bins-and-recycling")
    westmere_team = Group.objects.get(name="Caseworkers: Bins and recycling")
    refused = administrator.post(f"{TEAMS_AREAS}new/", {"group": westmere_team.pk, "area": fellside_bins.pk})
    assert refused.status_code == 200
    assert refused.context["form"].errors["group"] == [
        "Caseworkers: Bins and recycling does not work for Fellside District Council, whose service area Bins and "
        "recycling is. Choose a team that does, or give this one that council in Settings > Councils' teams."
    ]
    assert not RequestArea.objects.filter(group=westmere_team, area=fellside_bins).exists()

    shared = Group.objects.get(name="Shared customer service")
    for group, area in ((shared, fellside_bins), (westmere_team, area_of("home", "council-tax")),
                        (westmere_team, None)):  # every area: of the councils the team works for
        response = administrator.post(f"{TEAMS_AREAS}new/", {"group": group.pk, "area": area.pk if area else ""})
        assert response.status_code == 302, response.context["form"].errors
