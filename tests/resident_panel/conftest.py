"""Fixtures for the resident testing panel: members, a draft of a demo task page, and a remote test of it."""
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from resident_panel.models import PanelMember, RemoteTest, RemoteTestTask
from wagtail.models import Page

from cms_pages.models import TaskPage
from sitewide.councils import site_for_page
from sitewide.pages import ServiceArea
from tests.conftest import westmere

MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"
# Words the live page never has: they show only on the draft being tested.
DRAFT_SUMMARY = "Tell us about a missed bin on the marigold form. We will come back within 2 working days."


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits count in the cache, which tests do not roll back."""
    cache.clear()
    yield
    cache.clear()


def area(title):
    return Page.objects.type(ServiceArea).get(**westmere(), title=title)


@pytest.fixture
def bins():
    return area("Bins and recycling")


@pytest.fixture
def council_tax():
    return area("Council Tax")


def make_member(email, *topics, confirmed=True, first_name="", site=None):
    """A member of the panel of `site`, else of their first topic's council (the default council's for none)."""
    member = PanelMember.objects.create(
        email=email, first_name=first_name, confirmed_at=timezone.now() if confirmed else None,
        site=site or site_for_page(topics[0] if topics else None),
    )
    member.topics.set(topics)
    return member


@pytest.fixture
def missed_bin_page():
    return TaskPage.objects.get(**westmere(MISSED_BIN))


@pytest.fixture
def draft(missed_bin_page, editor):
    """A saved, unpublished draft of the missed-bin page with distinctive words."""
    missed_bin_page.summary = DRAFT_SUMMARY
    return missed_bin_page.save_revision(user=editor)


def make_test(page, *topics, tasks=("Find out when we will come back for your bin",), days=7, name="Missed bin draft",
              **kwargs):
    test = RemoteTest(name=name, page=page, ends_on=timezone.localdate() + timedelta(days=days), **kwargs)
    test.save()
    for order, task in enumerate(tasks):
        RemoteTestTask.objects.create(test=test, task=task, sort_order=order)
    test.topics.set(topics)
    return test


@pytest.fixture
def remote_test(draft, missed_bin_page, bins):
    return make_test(missed_bin_page, bins)
