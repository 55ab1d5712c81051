"""Anonymous visitors get cached pages; publishing shows the change at once; forms are never cached."""
import pytest
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.models import Site

from cms_pages.models import TaskPage
from sitewide.models import AlertBanner
from tests.conftest import westmere

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_second_visit_is_served_from_the_cache(site_client):
    assert site_client.get("/council-tax/pay/")["X-Page-Cache"] == "miss"
    assert site_client.get("/council-tax/pay/")["X-Page-Cache"] == "hit"


def test_publishing_a_page_shows_the_change_straight_away(site_client):
    site_client.get("/council-tax/pay/")
    page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    page.summary = "Pay your Council Tax online, by phone or at the post office."
    page.save_revision().publish()
    response = site_client.get("/council-tax/pay/")
    assert response["X-Page-Cache"] == "miss"
    assert "by phone or at the post office" in response.content.decode()


def test_switching_on_the_alert_banner_shows_it_on_cached_pages(site_client):
    site_client.get("/")
    banner = AlertBanner.for_site(Site.objects.get(is_default_site=True))
    banner.is_active, banner.message = True, "Bin collections are a day late this week."
    banner.save()
    assert "a day late this week" in site_client.get("/").content.decode()


def test_forms_and_signed_in_editors_are_never_cached(site_client, admin_user):
    form_url = "/bins-and-recycling/report-a-missed-bin/start/"
    site_client.get(form_url)
    assert "X-Page-Cache" not in site_client.get(form_url)
    site_client.force_login(admin_user)
    site_client.get("/council-tax/pay/")
    assert "X-Page-Cache" not in site_client.get("/council-tax/pay/")


def test_a_request_reads_the_version_once_and_again_after_it_publishes(rf):
    from sitewide.page_cache import PageCacheMiddleware, clear_page_cache, current_version

    seen = []

    def view(request):
        first = current_version()
        cache.set("page-cache:version", first + 10, None)  # another process publishes meanwhile
        seen.append((first, current_version()))  # this request keeps the version it started with
        clear_page_cache()  # this request publishes
        seen.append(current_version())
        return HttpResponse("ok")

    PageCacheMiddleware(view)(rf.get("/admin/pages/"))
    first, same = seen[0]
    assert same == first and seen[1] == first + 11
    assert current_version() == first + 11  # outside a request it is read every time


def test_making_a_page_private_takes_it_out_of_the_cache_at_once(site_client):
    """Wagtail's privacy setting is no publish: it must clear the cache all the same, or the public copy is served
    for the cache's whole timeout (a bug before: the page stayed public for up to a minute)."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    assert "Pay your Council Tax" in site_client.get("/council-tax/pay/").content.decode()
    area = TaskPage.objects.get(**westmere("/council-tax/pay/")).get_parent()
    restriction = PageViewRestriction.objects.create(page=area, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Council Tax team")[0])
    response = site_client.get("/council-tax/pay/")
    assert response.status_code == 302 and "X-Page-Cache" not in response  # to the sign-in page
    restriction.delete()
    assert site_client.get("/council-tax/pay/").status_code == 200
