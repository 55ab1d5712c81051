"""A to Z of services (issue 26): made from the live pages, by first letter, with a letter index of plain links;
a page unpublished leaves it at once."""
import re

import pytest

from cms_pages.models import TaskPage
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


def test_the_a_to_z_lists_every_live_service_under_its_letter(client):
    html = client.get("/a-to-z/").content.decode()
    section_r = html[html.index('id="letter-r"'):html.index('id="letter-s"')]
    assert "Report a missed bin collection" in section_r and "Bins and recycling" not in section_r
    assert 'href="#letter-b"' in html  # the index is plain links
    assert re.search(r'No services starting with </span>X', html)  # a letter with none is not a link
    assert "A to Z of services" in client.get("/").content.decode()  # in every page's footer


def test_an_unpublished_page_leaves_the_a_to_z(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert "Report a missed bin collection" in client.get("/a-to-z/").content.decode()
    TaskPage.objects.get(**westmere("/report-a-missed-bin/")).unpublish()
    assert "Report a missed bin collection" not in client.get("/a-to-z/").content.decode()
