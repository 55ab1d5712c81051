"""Each page says what it is about: no two live pages share a summary or a search description.

The summary is what search results, lists and link previews show; two pages with the same words look like the
same page (the parts of a guide once took their guide's summary)."""
from collections import defaultdict

import pytest
from wagtail.models import Page

from cms_pages.models import CouncilPage, GuidePartPage

pytestmark = pytest.mark.django_db


def shared(values):
    """{text: [paths]} for every text more than one page uses (case and spacing ignored)."""
    pages = defaultdict(list)
    for path, text in values:
        key = " ".join((text or "").lower().split())
        if key:
            pages[key].append(path)
    return {text: paths for text, paths in pages.items() if len(paths) > 1}


def live_pages():
    return [page for page in Page.objects.live().specific() if page.depth > 1]


def test_no_two_live_pages_share_a_summary():
    pages = [page for page in live_pages() if isinstance(page, CouncilPage)]  # online forms have no summary
    assert len(pages) > 50
    assert all(page.summary.strip() for page in pages), "every page has a summary"
    assert not shared((page.url_path, page.summary) for page in pages)


def test_no_two_live_pages_share_a_search_description():
    assert not shared((page.url_path, page.search_description) for page in live_pages())


def test_each_part_of_a_guide_has_its_own_summary():
    parts = GuidePartPage.objects.live()
    assert parts.count() >= 7
    for part in parts:
        assert part.summary != part.get_parent().specific.summary, part.url_path
