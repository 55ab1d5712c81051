from django import template

from service_status.current import affecting

register = template.Library()


@register.inclusion_tag("service_status/banner.html")
def service_updates(page):
    """The current disruptions on this page or the pages above it, as a GOV.UK notification banner."""
    is_page = getattr(page, "pk", None) and hasattr(page, "get_ancestors")  # a template's `page` may be anything
    return {"disruptions": affecting(page) if is_page else []}
