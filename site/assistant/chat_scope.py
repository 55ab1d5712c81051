"""Which chats a member of staff sees, and whose council each one is: the councils they work for
(sitewide.council_staff), one rule for the live chat queue, the chats, callbacks and transcripts.

A chat belongs to the council whose site it was on (HandoffRequest.site; none, for chats kept from before there
were several councils: the default council); a callback to its chat's council. A shared customer-service team
sees every partner council's chats in one queue, each labelled with its council; a council's own staff see only
their own, and any other council's chat is "not found" to them.
"""
from django.http import Http404
from django.shortcuts import get_object_or_404

from sitewide import council_staff
from sitewide.councils import council_name, public_url
from sitewide.current_site import current_site
from sitewide.kept_settings import council_settings

from .models import CallbackRequest, ChatTranscript, HandoffRequest


def handoffs_for(user, queryset=None):
    queryset = HandoffRequest.objects.all() if queryset is None else queryset
    # Each chat's council is named and its pages looked up in its tree: read with the chat, not one by one.
    return queryset.filter(council_staff.site_or_default_filter(user)).select_related("site__root_page")


def callbacks_for(user, queryset=None):
    # A callback with no chat (its chat gone) counts as the default council's, as a chat with no site does.
    queryset = CallbackRequest.objects.all() if queryset is None else queryset
    return queryset.filter(council_staff.site_or_default_filter(user, "handoff__site")).select_related("handoff__site")


def transcripts_for(user, queryset=None):
    queryset = ChatTranscript.objects.all() if queryset is None else queryset
    return queryset.filter(council_staff.site_or_default_filter(user))


def handoff_or_404(user, reference, queryset=None):
    """The chat `reference` if `user` works for its council; "not found" otherwise, as for a chat that is not there."""
    return get_object_or_404(handoffs_for(user, queryset), reference=reference)


def callback_or_404(user, pk):
    found = callbacks_for(user).select_related("handoff").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def site_of(handoff):
    """The council (a Site) a chat or transcript belongs to: its own, else (none kept, or no chat) the default
    council's."""
    return handoff.site if handoff is not None and handoff.site_id else current_site()


def council_of(handoff):
    """The council's details (sitewide.CouncilSettings) a chat is answered in the name of; None with no site."""
    site = site_of(handoff)
    return council_settings(site)[0] if site is not None else None


def page_link(site, path):
    """A link to the page at `path` on the council's site: as it is on the default site (the admin's own), whole
    on another council's."""
    if site is None or site.is_default_site:
        return path
    return public_url(site, path)


class CouncilNames:
    """Each chat's (or transcript's) council's name, for a list that shows several councils' (each name looked up
    once). None, a callback's chat that is gone, is the default council's."""

    def __init__(self):
        self.names = {}

    def __call__(self, item):
        site_id = item.site_id if item is not None else None
        if site_id not in self.names:
            self.names[site_id] = council_name(council_of(item))
        return self.names[site_id]
