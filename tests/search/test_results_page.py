"""/search/?q= : results with title, section, highlighted summary, count, pagination and best bets."""
import html
import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from cms_pages.models import GuidePage, HomePage, StandardPage, TaskPage
from search.templatetags.search_tags import highlight
from sitewide.models import CouncilSettings
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_items(content):
    return re.findall(r'<li class="wm-search-results__item.*?</li>', content, re.S)


def result_titles(content):
    return [
        html.unescape(re.sub("<[^>]+>", "", m))
        for m in re.findall(r'<h2 class="govuk-heading-m[^"]*"[^>]*><a [^>]+>(.*?)</a></h2>', content)
    ]


def result_paths(content):
    paths = re.findall(r'href="/search/click/\?[^"]*?url=([^"&]+)', content)
    return [html.unescape(path).replace("%2F", "/") for path in paths]


def test_empty_search_shows_the_form(site_client):
    content = get(site_client)
    assert 'role="search"' in content and 'name="q"' in content
    assert "results for" not in content and "wm-search-results" not in content


def test_results_show_title_section_highlighted_summary_and_count(site_client):
    content = get(site_client, q="bin day")
    task = TaskPage.objects.get(**westmere(), slug="bin-collection-day")
    assert result_paths(content)[0] == "/bins-and-recycling/bin-collection-day/"
    first = result_items(content)[0]
    assert "Find your <mark>bin</mark> collection <mark>day</mark>" in first
    assert "Bins and recycling" in first  # the service area it sits in
    assert "Enter your postcode to see your <mark>bin</mark> <mark>day</mark>" in first
    assert task.summary in html.unescape(re.sub("<[^>]+>", "", first))
    count = re.search(r"<strong>(\d+)</strong> results? for <q>bin day</q>", content)
    assert count and int(count.group(1)) >= len(result_items(content)) > 1


def test_result_titles_are_not_sections_to_link_to(site_client):
    """Pages' headings get ids for links to a section (sitewide.anchors); a result's title is a link, not a section:
    making its id from its text was a tenth of rendering a first-time results page."""
    headings = re.findall(r"<h2[^>]*>", "".join(result_items(get(site_client, q="bin day"))))
    assert headings and not [heading for heading in headings if " id=" in heading]


def test_results_with_only_some_of_the_words_say_so(site_client, make_page):
    """"3 results for “zebra crossing paint colour”" listed the accessibility statement (colour) and the green bin
    (paint): none had all the words, and the page did not say so."""
    make_page(StandardPage, title="Quokka facts", summary="Where a quokka lives.")
    some = get(site_client, q="quokka wombat burrow")
    assert result_titles(some) == ["Quokka facts"]
    assert "No page has all the words you searched for. These pages have some of them." in some
    every = get(site_client, q="quokka facts")
    assert result_titles(every)[0] == "Quokka facts" and 'id="search-some-words"' not in every
    assert 'id="search-some-words"' not in get(site_client, q="wombat burrow")  # nothing found: no results at all


def test_query_and_page_text_are_escaped(site_client, make_page):
    make_page(title="Report a <script>alert(1)</script> marmoset", summary="Marmoset & <b>friends</b>.")
    content = get(site_client, q='marmoset <img src=x onerror="alert(1)">')
    assert "<script>alert(1)</script>" not in content and "<img src=x" not in content
    assert "&lt;script&gt;" in content and "<mark>marmoset</mark>" in content
    assert "<mark>Marmoset</mark> &amp; &lt;b&gt;friends&lt;/b&gt;." in content


def test_highlight_only_marks_whole_matching_words_and_escapes_the_rest():
    marked = highlight("Bins, binding & <b>bin</b> day's", {"bin", "day"})
    assert marked == "<mark>Bins</mark>, binding &amp; &lt;b&gt;<mark>bin</mark>&lt;/b&gt; <mark>day&#x27;s</mark>"
    assert highlight("<i>x</i>", set()) == "&lt;i&gt;x&lt;/i&gt;"


def test_results_are_paginated_ten_a_page_with_the_govuk_pattern(site_client, make_page):
    for number in range(23):
        make_page(title=f"Quokka permit {number}", summary="Apply for a quokka permit.")
    first = get(site_client, q="quokka")
    assert len(result_items(first)) == 10
    assert "<strong>23</strong> results for <q>quokka</q>, page 1 of 3" in first
    assert 'class="govuk-pagination"' in first and 'aria-label="Results pages"' in first
    assert 'aria-current="page">1<' in first and 'rel="prev"' not in first
    next_url = html.unescape(re.search(r'href="(\?[^"]+)" rel="next"', first).group(1))
    assert "page=2" in next_url and "q=quokka" in next_url
    second = site_client.get("/search/" + next_url).content.decode()
    assert len(result_items(second)) == 10 and "page 2 of 3" in second
    assert 'rel="prev"' in second and 'rel="next"' in second
    third = get(site_client, q="quokka", page=3)
    assert len(result_items(third)) == 3 and 'rel="next"' not in third
    all_titles = result_titles(first) + result_titles(second) + result_titles(third)
    assert sorted(all_titles) == sorted(f"Quokka permit {n}" for n in range(23))
    # Past the last page goes back to the first; nonsense page numbers are page 1.
    assert site_client.get("/search/", {"q": "quokka", "page": 9}).status_code == 302
    assert "page 1 of 3" in get(site_client, q="quokka", page="x")


def test_no_results_explains_and_suggests_top_tasks_and_contact(site_client):
    content = get(site_client, q="xylophone zeppelin")
    assert "<strong>0</strong> results for <q>xylophone zeppelin</q>" in content
    assert "There are no matching pages" in content and "checking your spelling" in content
    for task in HomePage.objects.get(**westmere()).get_top_tasks():
        assert f'href="{task.url}"' in content and task.title in content
    council = CouncilSettings.objects.get(site__is_default_site=True)
    assert council.phone == "01632 960000"
    assert f'href="tel:{council.phone.replace(" ", "")}"' in content and council.phone in content
    assert 'href="/contact-us/"' in content


def test_best_bet_comes_first_marked_recommended(site_client):
    cookies = StandardPage.objects.get(**westmere(), slug="cookies")
    query = Query.objects.create(query_string="bins")
    SearchPromotion.objects.create(query=query, page=cookies, sort_order=0, description="Our cookie policy.")
    content = get(site_client, q="Bins")
    items = result_items(content)
    assert "Recommended" in items[0] and "Cookies" in items[0] and "Our cookie policy." in items[0]
    assert all("Recommended" not in item for item in items[1:])
    assert result_paths(content).count("/cookies/") == 1


def test_best_bet_for_an_unpublished_page_is_not_shown(site_client):
    cookies = StandardPage.objects.get(**westmere(), slug="cookies")
    SearchPromotion.objects.create(query=Query.objects.create(query_string="bins"), page=cookies, sort_order=0)
    cookies.unpublish()
    assert "Recommended" not in get(site_client, q="bins")


def test_looking_up_best_bets_does_not_store_the_query():
    before = Query.objects.count()
    from search import engine

    engine.search("my email is someone@example.org")
    assert Query.objects.count() == before


def test_task_pages_rank_above_guides_for_the_same_words(site_client, make_page):
    same = {"summary": "Everything about wombat licences.", "search_keywords": "wombat licence"}
    guide = make_page(GuidePage, title="Wombat licence", **same)
    task = make_page(TaskPage, title="Wombat licence", **same)
    content = get(site_client, q="wombat licence")
    paths = result_paths(content)
    assert paths.index(task.url) < paths.index(guide.url)


def test_titles_and_keywords_weigh_more_than_body_text(site_client, make_page):
    body = [("paragraph", "<p>Our numbat survey also covers numbat sightings in gardens.</p>")]
    in_body = make_page(TaskPage, title="Garden wildlife", summary="Wildlife in gardens.", body=body)
    unrelated = make_page(StandardPage, title="Local surveys", summary="Surveys we run.")
    in_keywords_task = make_page(TaskPage, title="Report a sighting", summary="Tell us.", search_keywords="numbat")
    in_title = make_page(StandardPage, title="Numbat survey", summary="Surveys we run.")
    paths = result_paths(get(site_client, q="numbat"))
    assert unrelated.url not in paths  # nothing about numbats on it
    assert paths.index(in_title.url) < paths.index(in_body.url)
    assert paths.index(in_keywords_task.url) < paths.index(in_body.url)


def test_online_forms_are_not_results(site_client):
    form_urls = {page.url for page in Page.objects.filter(url_path__endswith="/start/")}
    assert form_urls
    content = get(site_client, q="report a missed bin")
    assert not form_urls & set(result_paths(content))


def test_search_results_are_not_cached(site_client):
    response = site_client.get("/search/", {"q": "bins"})
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
