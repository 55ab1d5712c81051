"""What a page shows everyone is rendered once per content version, also for residents the page cache cannot serve
(a session: signed in, or part-way through a form); a publish shows at once; one resident's content never shared."""
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms_pages.models import StandardPage, TaskPage
from sitewide.shared_fragments import is_shared
from tests.conftest import westmere

pytestmark = [pytest.mark.django_db]
PAY = "/council-tax/pay/"


@pytest.fixture
def with_session(site_client):
    """A visitor the page cache does not serve: they carry a session cookie."""
    cache.clear()
    site_client.cookies["sessionid"] = "someone"
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield site_client
    cache.clear()


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    return response.content.decode(), len(queries)


def test_a_page_s_content_is_rendered_once_and_a_publish_shows_at_once(with_session):
    first, first_queries = get(with_session, PAY)
    again, again_queries = get(with_session, PAY)
    assert again == first and again_queries < first_queries
    page = TaskPage.objects.get(**westmere(PAY))
    page.summary = "Pay your Council Tax online, by phone or at the post office counter."
    page.save_revision().publish()
    html, _ = get(with_session, PAY)
    assert "at the post office counter" in html


def test_an_online_form_a_lookup_and_a_draft_are_never_shared(with_session, rf):
    form = "/bins-and-recycling/report-a-missed-bin/start/"
    first, _ = get(with_session, form)
    with_session.cookies["sessionid"] = "someone-else"
    second, _ = get(with_session, form)
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1) for html in (first, second)]
    assert tokens[0] != tokens[1]  # each visitor's own form

    page = TaskPage.objects.get(**westmere(PAY))
    assert is_shared(rf.get(PAY), page)
    assert not is_shared(rf.get(PAY, {"postcode": "WM1 1AA"}), page)
    preview = rf.get(PAY)
    preview.is_preview = True
    assert not is_shared(preview, page)
    assert not is_shared(rf.get(form), page.get_form_page())
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert not is_shared(rf.get(PAY), page)  # the page cache switched off: nothing kept


def test_the_footer_is_rendered_once_for_every_page_of_the_site_and_a_publish_shows_at_once(with_session):
    def footer_of(path):
        response = with_session.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        rendered = "includes/footer.html" in [template.name for template in response.templates]
        return html[html.index('<footer class="govuk-footer'):html.index("</footer>")], rendered

    first, rendered = footer_of(PAY)
    assert rendered and "Privacy notice" in first
    for path in ("/bins-and-recycling/", "/search/?q=bin+day", PAY + "?feedback=thanks"):
        assert footer_of(path) == (first, False)  # the same footer, not rendered again

    privacy = StandardPage.objects.get(**westmere("/privacy/"))
    privacy.title = "Privacy and your data"
    privacy.save_revision().publish()
    footer, rendered = footer_of("/bins-and-recycling/")
    assert rendered and "Privacy and your data" in footer and "Privacy notice" not in footer
