"""/service-status/: what is disrupted now, and its Atom feed."""
from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from sitewide.councils import council_for_site, council_name
from sitewide.current_site import current_site

from .current import current_in


def service_status(request):
    disruptions = current_in(current_site(request)).prefetch_related("pages")
    return render(request, "service_status/service_status.html", {"disruptions": disruptions})


class ServiceStatusFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Disruptions to council services now"

    def get_object(self, request, *args, **kwargs):
        return current_site(request)  # the feed is one object for every request: its council is passed along

    def title(self, site):
        return f"{council_name(council_for_site(site))}: service status"

    def link(self):
        return reverse("service_status:list")

    def items(self, site):
        return current_in(site)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.details

    def item_link(self, item):
        return reverse("service_status:list") + f"#disruption-{item.pk}"

    def item_pubdate(self, item):
        return item.starts_at

    def item_updateddate(self, item):
        return item.starts_at
