"""Search synonyms and best bets' councils in the admin, per council: an editor sees their own councils' rows and
those for every council, changes only their own councils' and, working for one council, cannot make a row for
every council; the bulk delete of another council's rows is refused."""
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from search.models import PromotionCouncil, Synonym

from .conftest import FELLSIDE_HOST

pytestmark = pytest.mark.django_db
LIST = "wagtailsnippets_search_synonym:list"


def editor(username, group):
    user = User.objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.fixture
def councils():
    return Site.objects.get(is_default_site=True), Site.objects.get(hostname=FELLSIDE_HOST)


@pytest.fixture
def synonyms(councils):
    westmere, fellside = councils
    return {
        # Terms the list shows on its first page
        "westmere": Synonym.objects.create(term="aaa wheelie", equivalents="westmere bin", site=westmere),
        "fellside": Synonym.objects.create(term="aaa skip", equivalents="fellside bin", site=fellside),
        "every": Synonym.objects.create(term="aaa rubbish", equivalents="waste", site=None),
    }


def edit(client, synonym, **changes):
    data = {"term": synonym.term, "equivalents": synonym.equivalents, "site": synonym.site_id or "", "live": "on"}
    return client.post(reverse("wagtailsnippets_search_synonym:edit", args=[synonym.pk]), {**data, **changes})


def test_a_fellside_editor_lists_fellside_s_and_every_council_s_synonyms_not_westmere_s(synonyms):
    page = editor("fe", "Fellside editors").get(reverse(LIST), {}).content.decode()
    assert "fellside bin" in page and "waste" in page
    assert "westmere bin" not in page
    westmere_page = editor("we", "Editors").get(reverse(LIST), {}).content.decode()
    assert "westmere bin" in westmere_page and "fellside bin" not in westmere_page


def test_an_editor_changes_their_own_council_s_synonyms_alone(synonyms):
    client = editor("fe", "Fellside editors")
    assert edit(client, synonyms["fellside"], equivalents="fellside bin\ncontainer").status_code == 302
    assert "container" in Synonym.objects.get(pk=synonyms["fellside"].pk).equivalents
    for key in ("westmere", "every"):
        response = edit(client, synonyms[key], equivalents="changed")
        assert response.status_code in (302, 403) and "edit" not in response.get("Location", ""), key
        assert Synonym.objects.get(pk=synonyms[key].pk).equivalents != "changed", key
        assert client.get(reverse("wagtailsnippets_search_synonym:edit", args=[synonyms[key].pk])).status_code != 200
    response = client.post(reverse("wagtailsnippets_search_synonym:delete", args=[synonyms["westmere"].pk]))
    assert Synonym.objects.filter(pk=synonyms["westmere"].pk).exists()


def test_a_new_synonym_is_for_the_editor_s_own_council_never_every_council_or_another(councils):
    westmere, fellside = councils
    client = editor("fe", "Fellside editors")
    form = client.get(reverse("wagtailsnippets_search_synonym:add")).content.decode()
    assert f'value="{fellside.pk}"' in form and f'value="{westmere.pk}"' not in form
    for site in ("", westmere.pk):
        response = client.post(reverse("wagtailsnippets_search_synonym:add"),
                               {"term": "tarn", "equivalents": "tip", "site": site, "live": "on"})
        assert response.status_code == 200 and not Synonym.objects.filter(term="tarn").exists(), site
    client.post(reverse("wagtailsnippets_search_synonym:add"),
                {"term": "tarn", "equivalents": "tip", "site": fellside.pk, "live": "on"})
    assert Synonym.objects.get(term="tarn").site == fellside


def test_someone_who_works_for_every_council_changes_a_synonym_for_every_council(synonyms):
    shared = User.objects.create_superuser("admin2", "admin2@example.org", "x")
    client = Client(HTTP_HOST="localhost")
    client.force_login(shared)
    edit(client, synonyms["every"], equivalents="waste\nlitter")
    assert "litter" in Synonym.objects.get(pk=synonyms["every"].pk).equivalents


def test_a_bulk_delete_with_another_council_s_synonym_is_refused(synonyms):
    client = editor("fe", "Fellside editors")
    url = reverse("wagtail_bulk_action", args=("search", "synonym", "delete"))
    client.post(f"{url}?id={synonyms['westmere'].pk}&id={synonyms['fellside'].pk}")
    assert Synonym.objects.filter(pk__in=[synonyms["westmere"].pk, synonyms["fellside"].pk]).count() == 2


def test_best_bets_councils_are_listed_and_changed_per_council(councils):
    westmere, fellside = councils
    query = Query.get("tip booking")
    rows = {}
    for site in councils:
        promotion = SearchPromotion.objects.create(query=query, external_link_url=f"https://{site.pk}.example.org/",
                                                   external_link_text=f"Booking {site.pk}", sort_order=site.pk)
        rows[site.pk] = PromotionCouncil.objects.create(promotion=promotion, site=site)
    Group.objects.get(name="Fellside editors").permissions.add(  # as an administrator would give them
        *Permission.objects.filter(content_type__app_label="search", codename__endswith="_promotioncouncil"))
    client = editor("fe", "Fellside editors")
    listing = client.get(reverse("best_bets_councils:index")).content.decode()
    assert f"Booking {fellside.pk}" in listing and f"Booking {westmere.pk}" not in listing
    assert client.get(reverse("best_bets_councils:edit", args=[rows[westmere.pk].pk])).status_code != 200
    assert client.get(reverse("best_bets_councils:edit", args=[rows[fellside.pk].pk])).status_code == 200


def test_the_synonyms_list_reads_as_words_not_code(synonyms):
    page = editor("fe", "Fellside editors").get(reverse(LIST)).content.decode()
    assert "[&#x27;" not in page and "['" not in page  # no Python list
    assert "fellside bin" in page and ">True<" not in page
