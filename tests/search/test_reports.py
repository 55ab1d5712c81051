"""Admin reports: "Top searches" and "Searches with no results", for editors with the permission only."""
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Site

from search.models import SearchQueryLog

pytestmark = pytest.mark.django_db

REPORTS = ["search_reports:top_searches", "search_reports:no_results"]


@pytest.fixture
def logs():
    for query, count, clicked in [("bin day", 9, "/bins-and-recycling/bin-collection-day/"), ("bin day", 9, ""),
                                  ("pcn", 2, ""), ("xylophone", 0, ""), ("xylophone", 0, ""), ("zeppelin", 0, "")]:
        SearchQueryLog.objects.create(query=query, result_count=count, clicked_url=clicked)
    # No page had every word: results, but not for what was asked
    SearchQueryLog.objects.create(query="zebra crossing paint colour", result_count=3, some_words_only=True)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def admin_only_user(django_user_model):
    """Can use the Wagtail admin, but has not been given the reports."""
    user = django_user_model.objects.create_user("helper", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("name", REPORTS)
def test_anonymous_visitors_are_sent_to_log_in(client, logs, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("name", REPORTS)
def test_admin_users_without_the_permission_cannot_see_them(client, logs, admin_only_user, name):
    client.force_login(admin_only_user)
    response = client.get(reverse(name), follow=True)
    assert "xylophone" not in response.content.decode()
    assert response.status_code == 403 or response.redirect_chain
    menu = client.get("/admin/").content.decode()
    assert "Top searches" not in menu and "Searches with no results" not in menu


def test_editors_have_the_permission_and_see_both_reports_in_the_menu(client, logs, editor):
    assert editor.has_perm("search.view_search_reports")
    client.force_login(editor)
    menu = client.get("/admin/").content.decode()
    assert "Top searches" in menu and "Searches with no results" in menu
    assert reverse("search_reports:top_searches") in menu


def test_top_searches_counts_searches_results_and_clicks(client, logs, editor):
    client.force_login(editor)
    response = client.get(reverse("search_reports:top_searches"))
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert rows[0]["query"] == "bin day" and rows[0]["searches"] == 2 and rows[0]["clicks"] == 1
    assert rows[0]["average_results"] == 9
    assert {row["query"] for row in rows} == {"bin day", "xylophone", "pcn", "zeppelin", "zebra crossing paint colour"}
    content = response.content.decode()
    assert "bin day" in content and "Top searches" in content


def test_no_results_report_lists_only_failed_searches(client, logs, editor):
    client.force_login(editor)
    response = client.get(reverse("search_reports:no_results"))
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert [(row["query"], row["searches"], row["found"]) for row in rows] == [
        ("xylophone", 2, "Nothing"),
        ("zebra crossing paint colour", 1, "Only pages with some of the words"),
        ("zeppelin", 1, "Nothing"),
    ]
    content = response.content.decode()
    assert "bin day" not in content and "Only pages with some of the words" in content


def test_a_search_that_sometimes_found_nothing_says_so(client, logs, editor):
    """The same words can find nothing one day and pages with some of them after a page is published."""
    SearchQueryLog.objects.create(query="zeppelin", result_count=2, some_words_only=True)
    client.force_login(editor)
    rows = client.get(reverse("search_reports:no_results")).context["object_list"]
    assert {row["query"]: row["found"] for row in rows}["zeppelin"] == "Nothing, or only pages with some of the words"


def test_reports_can_be_searched_and_downloaded(client, logs, editor):
    client.force_login(editor)
    rows = client.get(reverse("search_reports:top_searches"), {"q": "bin"}).context["object_list"]
    assert [row["query"] for row in rows] == ["bin day"]
    response = client.get(reverse("search_reports:no_results"), {"export": "csv"})
    csv = b"".join(response.streaming_content).decode()
    assert csv.splitlines()[0] == "Search words,Searches,Found,Last searched"
    assert "xylophone,2,Nothing," in csv and "zebra crossing paint colour,1,Only pages with some of the words," in csv


def test_synonyms_are_editable_in_the_admin_by_editors(client, editor):
    client.force_login(editor)
    response = client.get("/admin/snippets/search/synonym/")
    assert response.status_code == 200 and "pcn" in response.content.decode()
    council = Site.objects.get(is_default_site=True)  # an editor working for one council adds its own synonym
    response = client.post(
        "/admin/snippets/search/synonym/add/",
        {"term": "bulky", "equivalents": "large items", "site": council.pk, "live": "on"},
    )
    assert response.status_code == 302
    from search.models import Synonym

    assert Synonym.objects.get(term="bulky").equivalent_list() == ["large items"]
