"""Each council answers on its own host with its own home page, name, contact details, colour and pages; a page of
one council is never found on the other's host."""
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cms_pages.demo.loader import DemoCouncilLoader
from cms_pages.models import HomePage, TaskFormPage, TaskPage
from sitewide.models import CouncilSettings

from .conftest import FELLSIDE_HOST

pytestmark = pytest.mark.django_db


def test_each_council_is_a_site_of_its_own_with_its_own_home_page():
    westmere, fellside = Site.objects.get(is_default_site=True), Site.objects.get(hostname=FELLSIDE_HOST)
    assert westmere.root_page_id != fellside.root_page_id
    assert {type(site.root_page.specific) for site in (westmere, fellside)} == {HomePage}
    assert HomePage.objects.count() == 2
    assert not fellside.is_default_site


def test_both_home_pages_show_their_own_council(site_client, fellside, westmere_client):
    fellside_home = fellside.get("/").content.decode()
    assert "<h1 class=\"govuk-heading-xl\">Fellside District Council</h1>" in fellside_home
    assert "wm-header--green" in fellside_home and 'content="#005a30"' in fellside_home
    assert ">Fellside Council<" in fellside_home  # its wordmark
    assert "01632 960500" in fellside_home and "FL1 2AB" in fellside_home
    assert "Monday to Thursday, 8:30am to 5pm" in fellside_home
    assert 'data-title="Ask Fellside"' in fellside_home  # its own assistant's name
    assert "Westmere" not in fellside_home

    for client in (site_client, westmere_client):  # localhost as before, and Westmere's own hostname
        home = client.get("/").content.decode()
        assert "<h1 class=\"govuk-heading-xl\">Westmere District Council</h1>" in home
        assert "wm-header--teal" in home and 'content="#00625e"' in home
        assert "01632 960000" in home and "WM1 1AA" in home
        assert 'data-title="Ask Westmere"' in home
        assert "Fellside" not in home


def test_page_titles_and_social_cards_carry_the_council_name(fellside, site_client):
    html = fellside.get("/bins-and-recycling/bulky-waste/").content.decode()
    assert "<title>Book a bulky waste collection - Fellside District Council</title>" in html
    assert '<meta property="og:site_name" content="Fellside District Council">' in html
    assert 'href="http://fellside.localhost:8000/bins-and-recycling/bulky-waste/"' in html  # canonical
    html = site_client.get("/bins-and-recycling/bulky-waste/").content.decode()
    assert "<title>Book a bulky waste collection - Westmere District Council</title>" in html
    assert '<meta property="og:site_name" content="Westmere District Council">' in html


def test_a_page_of_one_council_is_not_found_on_the_other_councils_host(site_client, fellside):
    only_fellside = "/bins-and-recycling/book-a-recycling-centre-visit/"
    only_westmere = "/bins-and-recycling/garden-waste/"
    assert fellside.get(only_fellside).status_code == 200
    assert site_client.get(only_fellside).status_code == 404
    assert site_client.get(only_westmere).status_code == 200
    assert fellside.get(only_westmere).status_code == 404
    # Nor by its tree's own address (the home page's slug), nor a form's step below it.
    assert site_client.get("/fellside/bins-and-recycling/bulky-waste/").status_code == 404
    assert fellside.get("/home/council-tax/pay/").status_code == 404
    assert fellside.get(only_westmere + "start/").status_code == 404


def test_the_service_both_councils_have_shows_each_councils_own_price_and_form(site_client, fellside):
    path = "/bins-and-recycling/bulky-waste/"
    fellside_page = fellside.get(path).content.decode()
    westmere_page = site_client.get(path).content.decode()
    assert "£25" in fellside_page and "£40" in fellside_page and "£30" not in fellside_page
    assert "£30" in westmere_page and "£45" in westmere_page and "£25" not in westmere_page
    fellside_form = fellside.get(path + "start/").content.decode()
    westmere_form = site_client.get(path + "start/").content.decode()
    assert "For example, FL1 2AB" in fellside_form and "(question 1 of 5) - Fellside District Council" in fellside_form
    assert "For example, WM1 1AA" in westmere_form and "(question 1 of 7) - Westmere District Council" in westmere_form
    fellside_questions = [field.label for field in TaskFormPage.objects.get(url_path="/fellside" + path + "start/")
                          .get_form_fields()]
    assert "Can a lorry reach your door?" in fellside_questions


def test_links_on_a_councils_pages_stay_on_its_own_site(fellside):
    html = fellside.get("/").content.decode()
    assert 'href="/bins-and-recycling/report-a-missed-bin/"' in html  # a top task, by its path on this host
    assert "localhost:8000" not in html.replace("fellside.localhost:8000", "")
    missed_bin = TaskPage.objects.get(url_path="/fellside/bins-and-recycling/report-a-missed-bin/")
    assert missed_bin.url == "/bins-and-recycling/report-a-missed-bin/"
    assert missed_bin.get_form_page().url == "/bins-and-recycling/report-a-missed-bin/start/"


def test_footer_links_the_councils_own_privacy_notice_and_cookies_page(fellside):
    html = fellside.get("/").content.decode()
    council = CouncilSettings.for_site(Site.objects.get(hostname=FELLSIDE_HOST))
    assert council.privacy_page.url_path == "/fellside/privacy/"
    assert council.cookies_page.url_path == "/fellside/cookies/"
    assert html.count('href="/privacy/"') == 1 and html.count('href="/cookies/"') == 1
    assert "&copy; Fellside District Council" in html


def test_the_alert_banner_is_the_councils_own(site_client, fellside):
    assert "Snow on the fell roads" in fellside.get("/").content.decode()
    assert "Snow on the fell roads" not in site_client.get("/").content.decode()


def test_the_a_to_z_lists_only_the_councils_own_services(site_client, fellside):
    fellside_list = fellside.get("/a-to-z/").content.decode()
    westmere_list = site_client.get("/a-to-z/").content.decode()
    assert "Book a visit to Tarn Road recycling centre" in fellside_list
    assert "Garden waste" not in fellside_list and "Every Fellside District Council service" in fellside_list
    assert "Book a visit to Tarn Road recycling centre" not in westmere_list


def test_home_pages_are_made_only_under_the_root():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(Site.objects.get(hostname=FELLSIDE_HOST).root_page)


def test_loading_the_demo_councils_again_changes_nothing():
    pages_before, sites_before = Page.objects.count(), Site.objects.count()
    result = DemoCouncilLoader().run()
    assert result.created == [] and result.updated == []
    assert (Page.objects.count(), Site.objects.count()) == (pages_before, sites_before)


def test_a_councils_public_address_is_set_by_its_hostname():
    """release.sh points Fellside at the address behind the proxy (FELLSIDE_BASE_URL), as it does the default site."""
    call_command("set_site_address", "http://fellside.localhost:8080", "--site", FELLSIDE_HOST, stdout=StringIO())
    fellside = Site.objects.get(hostname=FELLSIDE_HOST)
    assert fellside.port == 8080 and not fellside.is_default_site
    assert Site.objects.get(is_default_site=True).port == 8000
