"""The resident testing panel per council: a resident joins the panel of the council whose site they are on,
choosing from its service areas; a test of a page invites its council's panel alone; staff choose topics from, and
see the members of, the panels of the councils they work for (each row named with its council when they work for
several). Westmere's panel works as it did."""
import importlib

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from resident_panel.invitations import eligible_members, send_invitations
from resident_panel.models import PanelMember, RemoteTest
from wagtail.models import Page, Site

from cms_pages.models import TaskPage
from sitewide.models import CouncilTeam
from sitewide.pages import ServiceArea
from tests.conftest import westmere
from tests.resident_panel.conftest import make_member, make_test

from .conftest import FELLSIDE_HOST

pytestmark = pytest.mark.django_db

JOIN = "/testing-panel/join/"
PANEL = "/admin/testing-panel/"
NEW_TEST = "/admin/remote_tests/new/"
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"
FELLSIDE, WESTMERE = "Fellside District Council", "Westmere District Council"


def sites():
    return Site.objects.get(is_default_site=True), Site.objects.get(hostname=FELLSIDE_HOST)


def bins_of(council):
    areas = Page.objects.type(ServiceArea)
    if council == FELLSIDE:
        return areas.get(url_path="/fellside/bins-and-recycling/")
    return areas.get(**westmere(), slug="bins-and-recycling")


def missed_bin_page(council):
    if council == FELLSIDE:
        return TaskPage.objects.get(url_path="/fellside" + MISSED_BIN)
    return TaskPage.objects.get(**westmere(MISSED_BIN))


def join(client, *topics, email="jo@example.org"):
    return client.post(JOIN, {"email": email, "first_name": "Jo", "topics": [t.pk for t in topics], "consent": "on"})


def staff(username, *groups, see_members=True):
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if see_members:
        user.user_permissions.add(Permission.objects.get(codename="view_panel_member_emails"))
    client = Client(HTTP_HOST="localhost")  # staff work in the default site's admin, whichever council
    client.force_login(user)
    return client


@pytest.fixture
def shared_editor():
    """An editor for both councils: Editors' permissions, in a group given both."""
    group = Group.objects.create(name="Shared editors")
    group.permissions.set(Group.objects.get(name="Editors").permissions.all())
    for site in Site.objects.all():
        CouncilTeam.objects.create(group=group, site=site)
    return staff("sam", "Shared editors")


@pytest.fixture
def members():
    """A member of each council's panel, and one resident on both."""
    return {
        "fellside": make_member("fran@example.org", bins_of(FELLSIDE)),
        "westmere": make_member("wes@example.org", bins_of(WESTMERE)),
        "both_fellside": make_member("both@example.org", bins_of(FELLSIDE)),
        "both_westmere": make_member("both@example.org", bins_of(WESTMERE)),
    }


# Joining ------------------------------------------------------------------------------------------------------


def test_fellside_s_join_page_offers_fellside_s_service_areas_alone(fellside, site_client):
    fellside_html, westmere_html = fellside.get(JOIN).content.decode(), site_client.get(JOIN).content.decode()
    assert f'value="{bins_of(FELLSIDE).pk}"' in fellside_html
    assert f'value="{bins_of(WESTMERE).pk}"' not in fellside_html
    assert f'value="{bins_of(WESTMERE).pk}"' in westmere_html  # Westmere's as it was
    assert f'value="{bins_of(FELLSIDE).pk}"' not in westmere_html


def test_joining_on_fellside_s_site_makes_a_member_of_fellside_s_panel_and_refuses_westmere_s_areas(fellside):
    html = join(fellside, bins_of(WESTMERE)).content.decode()
    assert "Select topics from the list" in html and not PanelMember.objects.exists()
    join(fellside, bins_of(FELLSIDE))
    member = PanelMember.objects.get()
    assert member.site == sites()[1] and list(member.topics.all()) == [bins_of(FELLSIDE)]


def test_another_council_s_area_is_never_kept_as_a_topic(fellside):
    from resident_panel.membership import ask_to_join

    member = ask_to_join("jo@example.org", "Jo", [bins_of(FELLSIDE), bins_of(WESTMERE)], sites()[1])
    assert member.site == sites()[1] and list(member.topics.all()) == [bins_of(FELLSIDE)]


def test_a_resident_may_be_on_each_council_s_panel_once(fellside, site_client, mailoutbox):
    join(site_client, bins_of(WESTMERE))
    join(fellside, bins_of(FELLSIDE))
    assert sorted(PanelMember.objects.values_list("site__site_name", flat=True)) == sorted(
        site.site_name for site in sites()
    )
    assert [email.subject.startswith("Confirm") for email in mailoutbox] == [True, True]
    assert "Fellside" in mailoutbox[1].body and "Fellside" not in mailoutbox[0].body
    PanelMember.objects.update(confirmed_at="2026-01-01T00:00Z")
    join(fellside, bins_of(FELLSIDE))
    assert PanelMember.objects.count() == 2 and "already on" in mailoutbox[-1].subject


# Inviting -------------------------------------------------------------------------------------------------------


def test_a_test_with_no_topics_invites_only_its_page_s_council_s_panel(members, mailoutbox):
    fellside_test = make_test(missed_bin_page(FELLSIDE))
    westmere_test = make_test(missed_bin_page(WESTMERE))
    assert set(eligible_members(fellside_test)) == {members["fellside"], members["both_fellside"]}
    assert set(eligible_members(westmere_test)) == {members["westmere"], members["both_westmere"]}
    assert send_invitations(fellside_test) == 2
    assert sorted(email.to[0] for email in mailoutbox) == ["both@example.org", "fran@example.org"]


# The admin: a test's topics -------------------------------------------------------------------------------------


def topic_values(html):
    return {page.pk for page in Page.objects.type(ServiceArea) if f'name="topics" value="{page.pk}"' in html}


def test_a_test_s_topics_are_the_service_areas_of_the_councils_the_user_works_for(editor, shared_editor):
    fellside_areas = set(Page.objects.type(ServiceArea).live().filter(url_path__startswith="/fellside/")
                         .values_list("pk", flat=True))
    westmere_areas = set(Page.objects.type(ServiceArea).live().filter(**westmere()).values_list("pk", flat=True))
    fellside_editor = staff("finn", "Fellside editors")
    assert topic_values(fellside_editor.get(NEW_TEST).content.decode()) == fellside_areas
    westmere_editor = Client(HTTP_HOST="localhost")
    westmere_editor.force_login(editor)
    assert topic_values(westmere_editor.get(NEW_TEST).content.decode()) == westmere_areas
    html = shared_editor.get(NEW_TEST).content.decode()
    assert topic_values(html) == fellside_areas | westmere_areas
    assert f"Bins and recycling ({FELLSIDE})" in html and f"Bins and recycling ({WESTMERE})" in html


def new_test(client, page, *topics):
    page.save_revision()
    return client.post(NEW_TEST, {
        "name": "Missed bin", "page": page.pk, "topics": [topic.pk for topic in topics], "max_invitations": "10",
        "ends_on": "2099-01-01",
        "tasks-TOTAL_FORMS": "1", "tasks-INITIAL_FORMS": "0", "tasks-MIN_NUM_FORMS": "1", "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-task": "Report a missed bin", "tasks-0-ORDER": "1", "tasks-0-id": "", "tasks-0-DELETE": "",
    })


def test_a_test_s_topics_must_be_its_page_s_council_s(shared_editor):
    html = new_test(shared_editor, missed_bin_page(WESTMERE), bins_of(FELLSIDE)).content.decode()
    assert (f"Choose topics of {WESTMERE}, whose page this is: its testing panel is the one invited. "
            f"Bins and recycling is {FELLSIDE}&#x27;s.") in html
    assert not RemoteTest.objects.exists()
    assert new_test(shared_editor, missed_bin_page(FELLSIDE), bins_of(FELLSIDE)).status_code == 302
    assert list(RemoteTest.objects.get().topics.all()) == [bins_of(FELLSIDE)]


def test_a_fellside_editor_cannot_choose_westmere_s_topics(members):
    response = new_test(staff("finn", "Fellside editors"), missed_bin_page(FELLSIDE), bins_of(WESTMERE))
    assert response.status_code == 200 and not RemoteTest.objects.exists()


# The admin: the panel ---------------------------------------------------------------------------------------------


def test_staff_see_the_members_and_counts_of_their_own_council_s_panel(members):
    html = staff("finn", "Fellside editors").get(PANEL).content.decode()
    assert "fran@example.org" in html and "wes@example.org" not in html
    assert "2 confirmed members" in html and ">Council<" not in html
    westmere_html = staff("wendy", "Editors").get(PANEL).content.decode()
    assert "wes@example.org" in westmere_html and "fran@example.org" not in westmere_html
    assert "2 confirmed members" in westmere_html


def test_staff_of_several_councils_see_each_member_s_council(members, shared_editor):
    html = shared_editor.get(PANEL).content.decode()
    assert "4 confirmed members" in html and ">Council</th>" in html
    row = html[html.index("fran@example.org"):]
    assert row[: row.index("</tr>")].count(FELLSIDE) == 1
    row = html[html.index("wes@example.org"):]
    assert row[: row.index("</tr>")].count(WESTMERE) == 1


def test_another_council_s_member_cannot_be_removed(members):
    fellside_staff = staff("finn", "Fellside editors")
    assert fellside_staff.post(f"{PANEL}members/{members['westmere'].pk}/remove/").status_code == 404
    assert PanelMember.objects.filter(pk=members["westmere"].pk).exists()
    assert fellside_staff.post(f"{PANEL}members/{members['fellside'].pk}/remove/").status_code == 302
    assert not PanelMember.objects.filter(pk=members["fellside"].pk).exists()


# Members kept from before -------------------------------------------------------------------------------------------


def test_members_kept_from_before_get_the_council_of_their_topics_else_the_default():
    migration = importlib.import_module("resident_panel.migrations.0003_panel_member_council")
    westmere_site, fellside_site = sites()
    roots = list(Site.objects.values_list("root_page__path", "pk"))
    fellside_member = make_member("fran@example.org", bins_of(FELLSIDE), site=westmere_site)
    no_topics = make_member("none@example.org", site=fellside_site)
    westmere_member = make_member("wes@example.org", bins_of(WESTMERE), site=fellside_site)
    assert migration.council_of_topics(fellside_member, roots, westmere_site.pk) == fellside_site.pk
    assert migration.council_of_topics(no_topics, roots, westmere_site.pk) == westmere_site.pk
    assert migration.council_of_topics(westmere_member, roots, westmere_site.pk) == westmere_site.pk


def test_remote_tests_are_listed_opened_and_sent_for_the_user_s_own_councils_alone():
    fellside_test = make_test(missed_bin_page(FELLSIDE), bins_of(FELLSIDE), name="Fellside kerb test")
    westmere_test = make_test(missed_bin_page(WESTMERE), bins_of(WESTMERE), name="Westmere kerb test")
    client = staff("fe", "Fellside editors", see_members=False)
    listing = client.get("/admin/remote_tests/").content.decode()
    assert "Fellside kerb test" in listing and "Westmere kerb test" not in listing
    assert client.get(f"/admin/remote_tests/results/{fellside_test.pk}/").status_code == 200
    for url in (f"/admin/remote_tests/results/{westmere_test.pk}/", f"/admin/remote_tests/edit/{westmere_test.pk}/",
                f"/admin/remote_tests/delete/{westmere_test.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/admin/remote_tests/invite/{westmere_test.pk}/").status_code == 404
    assert client.get(f"/admin/remote_tests/edit/{fellside_test.pk}/").status_code == 200
