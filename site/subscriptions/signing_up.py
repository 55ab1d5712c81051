"""Asking for a subscription (double opt-in), confirming it and ending it: the same for both kinds.

Asking again with the same address makes no second subscription, and the page that follows is the same whether
the address was new, waiting or already confirmed: only the mailbox's owner learns which (the email says so).
"""
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casework.notifications import queue_email
from sitewide import council_emails

from .models import PageSubscription, ServiceStatusSubscription

KINDS = (PageSubscription, ServiceStatusSubscription)


def normalise_email(email):
    return email.strip().lower()


def council_of(subscription, site=None):
    """Whose emails a subscription gets: its page's or service area's council; for every service, its own council
    (where it was made), else the council of `site` (where the resident asked), else the default one."""
    chosen = subscription.page if isinstance(subscription, PageSubscription) else subscription.area
    if chosen is not None:
        return council_emails.for_page(chosen)
    return council_emails.for_site(subscription.site or site)


def belongs_to(model, site):
    """What ties a new subscription to a council: a service-status one is the council's it is made on (`site`); a
    page's is its page's."""
    return {"site": site} if model is ServiceStatusSubscription else {}


def unsubscribe_url(subscription, council=None):
    council = council or council_of(subscription)
    return council.url(reverse("subscriptions:unsubscribe", args=[subscription.token]))


def ask(model, email, site=None, **choice):
    """Keep the (unconfirmed) subscription and email the link that confirms it; nothing else is sent before then.
    Asking for one already confirmed sends a reminder that it is on, with its unsubscribe link. `site`: the site
    the resident asked on."""
    subscription, _ = model.objects.get_or_create(email=normalise_email(email), **choice, **belongs_to(model, site))
    council = council_of(subscription, site)
    if subscription.confirmed:
        body = render_to_string("subscriptions/emails/already.txt", {
            "what": subscription.describe(), "unsubscribe_url": unsubscribe_url(subscription, council),
            **council.context(),
        })
        queue_email(subscription.email, "You already get these emails", body, sender=council.sender)
    else:
        body = render_to_string("subscriptions/emails/confirm.txt", {
            "what": subscription.describe(),
            "url": council.url(reverse("subscriptions:confirm", args=[subscription.token])), **council.context(),
        })
        queue_email(subscription.email, "Confirm your email updates", body, sender=council.sender)
    return subscription


def by_token(token):
    """The subscription of either kind with this token, or None."""
    for model in KINDS:
        subscription = model.objects.filter(token=token).first()
        if subscription is not None:
            return subscription
    return None


def confirm(subscription):
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription
