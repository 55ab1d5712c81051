"""Issue 22: pages are linked by what they are, never by a typed address (cms_pages/page_links.py), so a page an
editor moves is linked at its new address everywhere: the bot API (tests/assistant/test_assistant_api.py) and
every page's "Contact us" links (footer, chat widget, page not found, no search results, lookups)."""
import pytest
from wagtail.models import Page

from cms_pages.models import TaskPage
from cms_pages.page_links import contact_page, tool_page, url_of
from sitewide.current_site import current_site

pytestmark = pytest.mark.django_db


def page_at(path):
    return Page.objects.get(url_path=f"/home{path}").specific


def move(page, slug):
    page.slug = slug
    page.save_revision().publish()


def test_the_finders_find_the_demo_councils_pages():
    site = current_site()
    assert url_of(contact_page(site)) == "/contact-us/"
    assert url_of(tool_page(site, "bins")) == "/bins-and-recycling/bin-collection-day/"
    assert url_of(tool_page(site, "councillors")) == "/council-and-democracy/find-your-councillor/"
    assert url_of(None) is None and contact_page(None) is None and tool_page(None, "bins") is None


def test_a_tool_moved_to_another_page_is_found_there():
    site = current_site()
    old = page_at("/bins-and-recycling/bin-collection-day/")
    new = TaskPage.objects.live().exclude(pk=old.pk).filter(url_path__startswith="/home/bins-and-recycling/").first()
    new.body = [*[(block.block_type, block.value) for block in new.body], ("bin_day_lookup", None)]
    new.save_revision().publish()
    old.body = [(block.block_type, block.value) for block in old.body if block.block_type != "bin_day_lookup"]
    old.save_revision().publish()
    assert tool_page(site, "bins").pk == new.pk


def contact_links(html):
    return html.count('href="/contact-us/"'), html.count('href="/get-in-touch/"')


def test_contact_links_follow_the_contact_page_when_an_editor_moves_it(site_client):
    home = site_client.get("/").content.decode()
    old, new = contact_links(home)
    assert old >= 2 and new == 0  # the footer and the chat widget's link, at least
    assert 'data-contact-url="/contact-us/"' in home
    move(page_at("/contact-us/"), "get-in-touch")
    for url in ("/", "/no-such-page/", "/search/?q=zzqqxxvv", "/council-tax/pay/",
                "/bins-and-recycling/bin-collection-day/?postcode=WM4+6BR"):
        html = site_client.get(url).content.decode()
        old, new = contact_links(html)
        assert old == 0 and new >= 2, url
    assert 'data-contact-url="/get-in-touch/"' in site_client.get("/").content.decode()


def test_without_a_contact_page_the_contact_links_are_left_out(site_client):
    page_at("/contact-us/").unpublish()
    for url in ("/", "/no-such-page/", "/search/?q=zzqqxxvv", "/council-tax/pay/"):
        response = site_client.get(url)
        assert response.status_code in (200, 404)
        assert 'href="/contact-us/"' not in response.content.decode(), url
    assert 'data-contact-url=""' in site_client.get("/").content.decode()


def test_the_footers_support_links_are_the_standard_pages_where_editors_put_them(site_client):
    """The accessibility statement, privacy notice and cookies pages: linked by the pages themselves (standard
    pages at the top of the site), so a renamed one is linked at its new address and with its new title."""
    footer = site_client.get("/").content.decode().split('<footer', 1)[1]
    for path, title in (("/accessibility/", "Accessibility statement"), ("/privacy/", "Privacy notice"),
                        ("/cookies/", "Cookies")):
        assert f'<a class="govuk-footer__link" href="{path}">{title}</a>' in footer
    page = page_at("/privacy/")
    page.title = "Your privacy"
    move(page, "your-privacy")
    footer = site_client.get("/").content.decode().split('<footer', 1)[1]
    assert '<a class="govuk-footer__link" href="/your-privacy/">Your privacy</a>' in footer
    assert 'href="/privacy/"' not in footer
