"""A page for a resident the page cache cannot serve (one with a session) is found without a query once it has been
asked for: the page itself, whether it is private and its link-preview picture are kept under the page cache's
version, and each process keeps a copy of what it read. A change of any of them shows at once."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from cms_pages.models import TaskPage
from sitewide.page_cache import kept, peek_kept
from tests.conftest import westmere

pytestmark = [pytest.mark.django_db]
PAY = "/council-tax/pay/"


@pytest.fixture
def with_session(site_client, tmp_path):
    """A visitor the page cache does not serve: they carry a session cookie."""
    cache.clear()
    site_client.cookies["sessionid"] = "someone"
    with override_settings(PAGE_CACHE_SECONDS=60, ALLOWED_HOSTS=["*"], MEDIA_ROOT=tmp_path):
        yield site_client
    cache.clear()


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, " ".join(query["sql"] for query in queries.captured_queries)


def pay_page():
    return TaskPage.objects.get(**westmere(PAY))


def test_the_second_time_a_page_is_asked_for_it_is_found_without_a_query(with_session):
    get(with_session, PAY)
    response, queries = get(with_session, PAY)
    assert response.status_code == 200 and "Pay your Council Tax" in response.content.decode()
    assert "wagtailcore_page" not in queries and "wagtailcore_pageviewrestriction" not in queries


def test_a_page_made_private_asks_for_its_password_at_once(with_session):
    get(with_session, PAY)
    PageViewRestriction.objects.create(page=pay_page(), restriction_type=PageViewRestriction.PASSWORD, password="x")
    response, _ = get(with_session, PAY)
    assert 'name="password"' in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(with_session):
    get(with_session, PAY)
    pay_page().unpublish()
    assert get(with_session, PAY)[0].status_code == 404


def test_a_made_up_address_below_a_page_is_not_kept(with_session):
    for _ in range(2):
        assert get(with_session, f"{PAY}made-up/")[0].status_code == 404
    assert peek_kept(f"page-at:{pay_page().url_path}made-up/") is None
    get(with_session, PAY)
    assert peek_kept(f"page-at:{pay_page().url_path}") is not None  # the page's own address is


def test_a_page_s_link_preview_picture_is_kept_and_a_new_one_shows_at_once(with_session):
    image = get_image_model().objects.create(title="Council offices", file=get_test_image_file())
    page = pay_page()
    page.social_image = image
    page.save_revision().publish()
    first, _ = get(with_session, PAY)
    assert 'content="Council offices"' in first.content.decode()
    response, queries = get(with_session, PAY)
    assert "wagtailimages" not in queries and 'content="Council offices"' in response.content.decode()

    image.title = "Westmere's council offices in the town centre"
    image.save()
    assert "council offices in the town centre" in get(with_session, PAY)[0].content.decode()


@override_settings(PAGE_CACHE_SECONDS=60)
def test_what_a_process_keeps_is_a_copy_for_each_caller():
    cache.clear()
    kept("answer", lambda: {"links": ["/council-tax/pay/"]})["links"].append("/changed-by-one-request/")
    assert kept("answer", lambda: None) == {"links": ["/council-tax/pay/"]}


@override_settings(PAGE_CACHE_SECONDS=60)
def test_after_the_shared_cache_is_emptied_nothing_a_process_kept_is_used():
    cache.clear()
    assert kept("greeting", lambda: "kept before") == "kept before"
    cache.clear()  # Redis restarted: the version starts again, never at the number it had
    assert kept("greeting", lambda: "built again") == "built again"
