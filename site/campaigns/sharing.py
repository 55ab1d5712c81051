"""What an editor sees of a campaign link before sharing it: the short link, its QR codes, the social card it will
show (the landing page's title, description and image, as its Open Graph tags give them) and how many visits came
through it."""
from django.urls import reverse
from wagtail import hooks

from sitewide.metadata import page_metadata

from .links import short_url


def social_card(link, request):
    """{title, description, image, url} of the page the link lands on, or None when it cannot be known yet (a
    question the assistant cannot answer now: the link then lands on the search results)."""
    if link.page_id:
        return {**page_metadata(request, link.page.specific), "url": short_url(link, request)}
    # Where a question leads is the pages' to say (cms_pages.answer_pages, through a hook: this app cannot import them)
    card = next(filter(None, (hook(link.question, request) for hook in hooks.get_hooks("question_link_card"))), None)
    return {**card, "url": short_url(link, request)} if card else None


def sharing_of(link, request):
    return {
        "short_url": short_url(link, request),
        "qr_svg": reverse("campaign_qr", args=[link.pk, "svg"]),
        "qr_png": reverse("campaign_qr", args=[link.pk, "png"]),
        "card": social_card(link, request),
        "visits": link.visits.count(),
    }
