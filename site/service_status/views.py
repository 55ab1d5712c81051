"""/service-status/: what is disrupted now, and its Atom feed."""
from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from sitewide.councils import council_for_request, council_name

from .current import current


def service_status(request):
    return render(request, "service_status/service_status.html", {"disruptions": current().prefetch_related("pages")})


class ServiceStatusFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Disruptions to council services now"

    def get_object(self, request, *args, **kwargs):
        return council_for_request(request)

    def title(self, council):
        return f"{council_name(council)}: service status"

    def link(self):
        return reverse("service_status:list")

    def items(self):
        return current()

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
