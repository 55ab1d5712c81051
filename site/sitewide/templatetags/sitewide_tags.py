from django import template
from django.utils.safestring import mark_safe

from sitewide.anchors import add_heading_anchors
from sitewide.metadata import page_metadata
from sitewide.security_headers import current_nonce

register = template.Library()


@register.filter
def heading_anchors(html):
    return mark_safe(add_heading_anchors(html))


@register.inclusion_tag("includes/metadata.html", takes_context=True)
def page_meta(context, title=None, description=None):
    return {"meta": page_metadata(context["request"], context.get("page"), title, description)}



@register.simple_tag
def csp_nonce():
    """The nonce that lets one of the admin's own inline scripts run (templates/wagtailadmin/)."""
    return current_nonce()
