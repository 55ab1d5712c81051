from django import template

from campaigns.links import campaign_of, with_campaign

register = template.Library()


@register.simple_tag(takes_context=True)
def with_visit_campaign(context, url):
    """`url` carrying the campaign this visit came through, if any: a Start now link on a page reached through a
    campaign link, so the form's draft keeps it (the page cache keeps one copy per campaign: campaigns.apps)."""
    request = context.get("request")
    return with_campaign(url, campaign_of(request)) if request is not None else url
