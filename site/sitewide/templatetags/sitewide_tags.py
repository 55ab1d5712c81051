from django import template
from django.utils.safestring import mark_safe

from sitewide.anchors import add_heading_anchors
from sitewide.metadata import page_metadata

register = template.Library()


@register.filter
def heading_anchors(html):
    return mark_safe(add_heading_anchors(html))


@register.inclusion_tag("includes/metadata.html", takes_context=True)
def page_meta(context, title=None, description=None):
    return {"meta": page_metadata(context["request"], context.get("page"), title, description)}

