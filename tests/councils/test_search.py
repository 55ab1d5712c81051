"""Search and its suggestions find only the pages of the council whose site the resident is on (search/queries.py
searches under the site's home page); a council's own synonyms, its query log, the clicks its residents made and
the assistant's synonyms are its own."""
import json
import re
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Site

from search.models import SearchQueryLog, Synonym

pytestmark = pytest.mark.django_db


def result_paths(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    return [unquote(url) for url in re.findall(r"url=([^\"&]+)", html)]


def test_results_are_the_councils_own_pages(site_client, fellside):
    assert "/bins-and-recycling/book-a-recycling-centre-visit/" in result_paths(fellside, "Tarn Road recycling centre")
    assert "/bins-and-recycling/book-a-recycling-centre-visit/" not in result_paths(site_client, "Tarn Road")
    assert "/bins-and-recycling/garden-waste/" in result_paths(site_client, "garden waste")
    assert "/bins-and-recycling/garden-waste/" not in result_paths(fellside, "garden waste")


def test_suggestions_are_the_councils_own_pages(site_client, fellside):
    def titles(client):
        response = client.get("/api/search/autocomplete/", {"q": "tarn"})
        return [result["title"] for result in json.loads(response.content)["results"]]

    assert titles(fellside)[0] == "Book a visit to Tarn Road recycling centre"
    # On a search server, a word nothing starts with falls back to a fuzzy search: never to Fellside's page
    assert "Book a visit to Tarn Road recycling centre" not in titles(site_client)


def sites():
    return Site.objects.get(is_default_site=True), Site.objects.get(hostname="fellside.localhost")


def test_a_council_s_own_synonym_works_only_on_its_site(site_client, fellside):
    _, fellside_site = sites()
    Synonym.objects.create(term="skip day", equivalents="bulky waste", site=fellside_site)
    assert "/bins-and-recycling/bulky-waste/" in result_paths(fellside, "skip day")
    assert "/bins-and-recycling/bulky-waste/" not in result_paths(site_client, "skip day")
    Synonym.objects.create(term="skip day", equivalents="missed bin")  # every council's, but Fellside has its own
    assert "/bins-and-recycling/report-a-missed-bin/" in result_paths(site_client, "skip day")
    assert "/bins-and-recycling/report-a-missed-bin/" not in result_paths(fellside, "skip day")
    assert "/bins-and-recycling/bulky-waste/" in result_paths(fellside, "skip day")


def test_each_search_is_logged_with_its_council(site_client, fellside):
    westmere_site, fellside_site = sites()
    result_paths(fellside, "bulky waste")
    result_paths(site_client, "bulky waste")
    fellside.get("/api/search/", {"q": "missed bin"})
    assert sorted(SearchQueryLog.objects.values_list("site_id", "source", "query")) == sorted([
        (fellside_site.pk, "site", "bulky waste"), (westmere_site.pk, "site", "bulky waste"),
        (fellside_site.pk, "api", "missed bin"),
    ])


@override_settings(SEARCH_CLICK_MIN=3, SEARCH_CLICK_BOOST=50)
def test_what_one_council_s_residents_chose_never_reorders_the_other_s_results(site_client, fellside):
    """The councils' pages share addresses (/bins-and-recycling/bulky-waste/ on both): clicks count per site."""
    westmere_site, fellside_site = sites()
    before = result_paths(fellside, "bins")
    chosen = before[-1]
    for _ in range(5):
        SearchQueryLog.objects.create(query="bins", result_count=5, site=westmere_site, clicked_url=chosen)
    cache.clear()
    assert result_paths(fellside, "bins") == before
    for _ in range(5):
        SearchQueryLog.objects.create(query="bins", result_count=5, site=fellside_site, clicked_url=chosen)
    cache.clear()
    assert result_paths(fellside, "bins")[0] == chosen  # its own residents' clicks do count


def test_the_assistant_knows_its_own_council_s_synonyms(settings, client):
    settings.BOT_API_TOKEN = "t"
    _, fellside_site = sites()
    Synonym.objects.create(term="tarn tip", equivalents="recycling centre", site=fellside_site)

    def synonyms(host):
        body = client.get("/api/bot/knowledge/", HTTP_HOST=host, HTTP_AUTHORIZATION="Bearer t").json()
        return body["synonyms"]

    assert ["tarn tip", "recycling centre"] in synonyms("fellside.localhost")
    assert ["tarn tip", "recycling centre"] not in synonyms("localhost")


def test_the_search_reports_show_an_editor_their_own_councils_searches(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from sitewide.models import CouncilTeam

    westmere_site, fellside_site = sites()
    SearchQueryLog.objects.create(query="tarn road tip", result_count=0, site=fellside_site)
    SearchQueryLog.objects.create(query="market street car park", result_count=0, site=westmere_site)
    fellside_editors = Group.objects.create(name="Fellside web team")
    fellside_editors.permissions.set(Group.objects.get(name="Editors").permissions.all())
    CouncilTeam.objects.create(group=fellside_editors, site=fellside_site)
    editor = django_user_model.objects.create_user("fellside-editor", password="x")
    editor.groups.add(fellside_editors)
    client.force_login(editor)
    for name in ("search_reports:top_searches", "search_reports:no_results"):
        page = client.get(reverse(name)).content.decode()
        assert "tarn road tip" in page and "market street car park" not in page
    westmere_editor = django_user_model.objects.create_user("westmere-editor", password="x")
    westmere_editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(westmere_editor)
    page = client.get(reverse("search_reports:no_results")).content.decode()
    assert "market street car park" in page and "tarn road tip" not in page


def correction(client, query):
    page = client.get("/search/", {"q": query}).content.decode()
    found = re.search(r"Showing results for <strong>([^<]*)</strong>", page)
    return found.group(1) if found else None


def test_spelling_is_corrected_to_the_councils_own_words(site_client, fellside):
    """"Kirkby" is on Fellside's pages alone: Westmere's residents are never offered it (search/vocabulary.py)."""
    assert correction(fellside, "kirby bins") == "kirkby bins"
    assert correction(site_client, "kirby bins") != "kirkby bins"
    assert correction(site_client, "gardn waste") == "garden waste"  # each council's own words still correct


def best_bet(query, **link):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query, _ = Query.objects.get_or_create(query_string=query)
    return SearchPromotion.objects.create(query=query, sort_order=0, **link)


def test_a_best_bet_linking_outside_the_site_shows_only_on_its_council(site_client, fellside):
    from search.models import PromotionCouncil

    _, fellside_site = sites()
    fells = best_bet("bins", external_link_url="https://fells.example/bins", external_link_text="Fell farms' bins")
    PromotionCouncil.objects.create(promotion=fells, site=fellside_site)
    best_bet("bins", external_link_url="https://recycle.example/", external_link_text="Recycle more")

    def links(client):
        return re.findall(r'href="(https://[^"]+)"', client.get("/search/", {"q": "bins"}).content.decode())

    assert "https://fells.example/bins" in links(fellside)
    assert "https://fells.example/bins" not in links(site_client)
    assert "https://recycle.example/" in links(fellside) and "https://recycle.example/" in links(site_client)


def test_an_administrator_gives_a_best_bet_its_council_in_settings(client, django_user_model):
    from django.urls import reverse

    from search.models import PromotionCouncil

    _, fellside_site = sites()
    link = best_bet("tarn tip", external_link_url="https://fells.example/tip", external_link_text="Tip")
    best_bet("tarn tip", page=fellside_site.root_page)  # a page best bet has its page's council already
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    form = client.get(reverse("best_bets_councils:add")).content.decode()
    choices = re.findall(r'<option value="(\d+)"', re.search(r'<select name="promotion".*?</select>', form, re.S)[0])
    assert choices == [str(link.pk)]
    response = client.post(reverse("best_bets_councils:add"), {"promotion": link.pk, "site": fellside_site.pk})
    assert response.status_code == 302
    assert PromotionCouncil.objects.get(promotion=link).site == fellside_site
    assert "Fellside" in client.get(reverse("best_bets_councils:index")).content.decode()
