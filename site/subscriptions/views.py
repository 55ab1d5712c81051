"""Residents sign up for emails about a page or about service disruptions, confirm them from the email (a button:
a mail scanner opening the link confirms nothing) and stop them with one click, with no account."""
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from governance.workflow import is_governed
from kit.honeypot import is_spam
from sitewide.current_site import current_site
from sitewide.pages import page_path
from sitewide.rate_limits import limited_by

from . import signing_up
from .forms import EmailForm, ServiceStatusForm
from .models import PageSubscription, ServiceStatusSubscription

MAX_PAGE_ID = 2**31 - 1  # larger numbers in the address are no page, and too big for the database


def subscribable_page_or_404(page_id):
    """A live, public page that goes through customer-tested publishing (editors choose when to tell its
    subscribers): task, guide and step-by-step pages and their parts."""
    page = Page.objects.live().public().filter(pk=page_id).first() if page_id <= MAX_PAGE_ID else None
    if page is None or not is_governed(page):
        raise Http404("No page to subscribe to")
    return page


@never_cache
@limited_by("FORM_RATE_LIMIT", method="POST", group="subscriptions")
def page_subscribe(request, page_id):
    page = subscribable_page_or_404(page_id)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and (is_spam(request.POST) or form.is_valid()):
        if not is_spam(request.POST):
            signing_up.ask(PageSubscription, form.cleaned_data["email"], current_site(request), page=page)
        return render(request, "subscriptions/check_email.html", {"what": f"the page ‘{page.title}’"})
    return render(request, "subscriptions/page_subscribe.html", {
        "form": form, "subscribed_page": page, "page_url": page_path(page),
    })


@never_cache
@limited_by("FORM_RATE_LIMIT", method="POST", group="subscriptions")
def service_status_subscribe(request):
    site = current_site(request)
    form = ServiceStatusForm(request.POST or None, site=site)
    if request.method == "POST" and (is_spam(request.POST) or form.is_valid()):
        if not is_spam(request.POST):
            signing_up.ask(ServiceStatusSubscription, form.cleaned_data["email"], site, area=form.chosen_area())
        return render(request, "subscriptions/check_email.html", {"what": "service disruptions"})
    return render(request, "subscriptions/service_status_subscribe.html", {"form": form})


@never_cache
def confirm(request, token):
    subscription = signing_up.by_token(token)
    if subscription is None:
        raise Http404("No such subscription")
    if request.method == "POST":
        signing_up.confirm(subscription)
        return render(request, "subscriptions/confirmed.html", {"subscription": subscription})
    return render(request, "subscriptions/confirm.html", {"subscription": subscription})


@never_cache
def unsubscribe(request, token):
    """One click, no sign-in: the subscription is deleted, and the email address with it. An old link says the
    same, so nobody learns from it whether an address was subscribed."""
    subscription = signing_up.by_token(token)
    what = subscription.describe() if subscription else ""
    if subscription:
        subscription.delete()
    return render(request, "subscriptions/unsubscribed.html", {"what": what})
