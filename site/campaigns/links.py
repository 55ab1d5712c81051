"""Where a campaign link leads, and which campaign a request of this visit came through."""
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse

from sitewide.pages import page_path

from .models import CampaignLink

CAMPAIGN_PARAM = "campaign"
NAMES_CACHE_KEY = "campaigns:names"


def target_url(link):
    """The landing address, carrying the campaign for this visit: a page (at a section), or a chat question's
    answer (the ask link, which cms_pages.answer_pages reads)."""
    query = {CAMPAIGN_PARAM: link.name}
    if link.question.strip():
        return "/?" + urlencode({"ask": link.question.strip(), **query})
    return f"{page_path(link.page)}?{urlencode(query)}" + (f"#{link.section}" if link.section else "")


def known_campaigns():
    """The names of the campaign links (cached; saving or deleting a link forgets them)."""
    names = cache.get(NAMES_CACHE_KEY)
    if names is None:
        names = set(CampaignLink.objects.values_list("name", flat=True))
        cache.set(NAMES_CACHE_KEY, names, 300)
    return names


def forget_names(**kwargs):
    cache.delete(NAMES_CACHE_KEY)


def campaign_of(request):
    """The campaign this visit came through (from the address), or "" for none or a made-up one."""
    name = str(request.GET.get(CAMPAIGN_PARAM, ""))[:40]
    return name if name and name in known_campaigns() else ""


def with_campaign(url, campaign):
    if not campaign or not url:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode({CAMPAIGN_PARAM: campaign})}"


def short_url(link, request=None):
    path = reverse("campaigns:go", args=[link.name])
    return request.build_absolute_uri(path) if request else path
