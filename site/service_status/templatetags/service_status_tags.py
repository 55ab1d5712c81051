from django import template

from service_status.current import affecting

register = template.Library()


@register.inclusion_tag("service_status/banner.html")
def service_updates(page):
    """The current disruptions on this page or the pages above it, as a GOV.UK notification banner."""
    return {"disruptions": affecting(page) if page is not None and getattr(page, "pk", None) else []}
