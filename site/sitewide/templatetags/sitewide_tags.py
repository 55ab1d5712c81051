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
    """{% shared_fragment "name" %}...{% endshared_fragment %}: rendered once for everyone (shared_fragments.py);
    {% shared_fragment "name" site_wide %}: once for every page of the site."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or bits[2:] not in ([], ["site_wide"]):
        raise template.TemplateSyntaxError('{% shared_fragment %} takes one name, then "site_wide" or nothing')
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, bits[1].strip("\"'"), site_wide=len(bits) == 3)


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, site_wide=False):
        self.nodelist, self.name, self.site_wide = nodelist, name, site_wide

    def render(self, context):
        return shared_fragment(
            context.get("request"),
            context.get("page"),
            self.name,
            lambda: self.nodelist.render(context),
            site_wide=self.site_wide,
        )
