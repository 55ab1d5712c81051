"""Each council has its own testing panel: a resident joins the panel of the council whose site they are on,
choosing from that council's service areas; a test of a page invites the panel of the page's council; staff see
and manage the panels of the councils they work for (sitewide.council_staff) and choose topics from theirs."""

from wagtail.models import Page

from sitewide import council_staff
from sitewide.councils import in_council, site_for_page
from sitewide.pages import ServiceArea

from .models import PanelMember, RemoteTest


def live_service_areas():
    return Page.objects.type(ServiceArea).live()


def service_areas(site):
    """The topics residents of `site`'s council choose from: its live service areas."""
    return live_service_areas().filter(in_council(site)).order_by("title")


def service_areas_for(user):
    """The topics a member of staff may choose for a test: the service areas of the councils they work for."""
    return live_service_areas().filter(council_staff.page_filter(user)).order_by("title")


def members_for(user):
    """The members of the panels of the councils `user` works for."""
    return PanelMember.objects.filter(council_staff.site_filter(user))


def panel_of(page):
    """The members a test of `page` may invite: its council's panel."""
    return PanelMember.objects.filter(site=site_for_page(page))


def tests_for(user):
    """The remote tests of the pages of the councils `user` works for."""
    return RemoteTest.objects.filter(council_staff.page_filter(user, "page__path"))
