from django import template
from django.utils.safestring import mark_safe

from westmere.sitewide.anchors import add_heading_anchors

register = template.Library()


@register.filter
def heading_anchors(html):
    return mark_safe(add_heading_anchors(html))


@register.inclusion_tag("includes/metadata.html", takes_context=True)
def page_meta(context, title=None, description=None):
    from westmere.sitewide.metadata import page_metadata

    return {"meta": page_metadata(context["request"], context.get("page"), title, description)}


@register.simple_tag(takes_context=True)
def ensure_csrf_cookie(context):
    """Sets the CSRF cookie the chat widget sends back in its X-CSRFToken header."""
    from django.middleware.csrf import get_token

    request = context.get("request")
    if request is not None:
        get_token(request)
    return ""
