from django import template
from django.utils.safestring import mark_safe

from sitewide.anchors import add_heading_anchors
from sitewide.metadata import page_metadata
from sitewide.security_headers import current_nonce
from sitewide.shared_fragments import shared_fragment

register = template.Library()


@register.filter
def heading_anchors(html):
    return mark_safe(add_heading_anchors(html))


@register.inclusion_tag("includes/metadata.html", takes_context=True)
def page_meta(context, title=None, description=None):
    return {"meta": page_metadata(context["request"], context.get("page"), title, description, context.get("council"))}



@register.simple_tag
def csp_nonce():
    """The nonce that lets one of the admin's own inline scripts run (templates/wagtailadmin/)."""
    return current_nonce()


@register.tag("shared_fragment")
def do_shared_fragment(parser, token):
    """{% shared_fragment "name" %}...{% endshared_fragment %}: rendered once for everyone (shared_fragments.py)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% shared_fragment %} takes one name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, bits[1].strip("\"'"))


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        return shared_fragment(
            context.get("request"), context.get("page"), self.name, lambda: self.nodelist.render(context)
        )
