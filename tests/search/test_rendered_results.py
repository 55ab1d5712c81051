"""A results page asked for again is the page rendered before (search/rendered_results.py), with this search's own
query-log token in its links; the words as typed; a signed-in visitor's page is always their own."""
import html
import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from cms_pages.answer_pages import FROM_PARAM, FROM_SHARED_LINK
from search.models import SearchQueryLog

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def keep_pages():
    cache.clear()
    with override_settings(SEARCH_RESULTS_CACHE_SECONDS=300, PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    rendered = "search/search.html" in [template.name for template in response.templates]
    return html.unescape(response.content.decode()), rendered


def tokens_in(content):
    return set(re.findall(r"[?&]t=([0-9a-f-]{36})", content))


def test_a_search_asked_again_is_the_kept_page_with_its_own_token(site_client):
    first, rendered_first = search(site_client, q="council tax")
    second, rendered_second = search(site_client, q="council tax")
    assert (rendered_first, rendered_second) == (True, False)
    logs = list(SearchQueryLog.objects.filter(query="council tax").order_by("created_at", "pk"))
    assert len(logs) == 2
    assert tokens_in(first) == {str(logs[0].token)} and tokens_in(second) == {str(logs[1].token)}
    assert "page 1 of 2" in second  # the pagination links carry the token too
    assert second.replace(str(logs[1].token), str(logs[0].token)) == first

    click = re.search(r'href="(/search/click/\?[^"]+)"', second).group(1)
    assert site_client.get(click).status_code == 302
    logs[1].refresh_from_db()
    logs[0].refresh_from_db()
    assert logs[1].clicked_url and not logs[0].clicked_url


def test_the_words_show_back_as_typed(site_client):
    search(site_client, q="council tax")
    content, rendered = search(site_client, q="Council TAX")
    assert rendered and 'value="Council TAX"' in content


def test_page_two_and_a_shared_link_are_kept_apart(site_client):
    first, _ = search(site_client, q="council tax")
    token = tokens_in(first).pop()
    second_page, rendered = search(site_client, q="council tax", page=2, t=token)
    assert rendered and "page 2 of 2" in second_page and tokens_in(second_page) == {token}
    shared, rendered = search(site_client, q="council tax", **{FROM_PARAM: FROM_SHARED_LINK})  # not logged
    assert rendered and tokens_in(shared) == set()


def test_a_signed_in_editor_s_page_is_rendered_for_them(site_client, editor):
    site_client.force_login(editor)
    assert search(site_client, q="council tax")[1] and search(site_client, q="council tax")[1]
