"""Joining the resident testing panel (no account needed), confirming by the emailed link, and leaving it."""

from functools import wraps

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from kit.honeypot import is_spam
from sitewide.current_site import current_site
from sitewide.rate_limits import limited_by

from . import membership
from .councils import service_areas
from .forms import JoinForm
from .models import PanelMember


def noindex(view):
    """Not for search engines: the page says so, and so does the X-Robots-Tag header."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@never_cache
@limited_by("FORM_RATE_LIMIT", method="POST", group="resident-panel")
def join(request):
    """Join the panel of the council whose site this is, choosing from its service areas."""
    site = current_site(request)
    topics = service_areas(site)
    initial = {}
    if request.user.is_authenticated and request.user.email:  # from My Account: their own address, to change
        initial["email"] = request.user.email
    form = JoinForm(request.POST or None, topics=topics, initial=initial)
    if request.method == "POST" and (is_spam(request.POST) or form.is_valid()):
        if not is_spam(request.POST):
            data = form.cleaned_data
            membership.ask_to_join(data["email"], data["first_name"], list(data["topics"]), site)
        return render(request, "resident_panel/check_email.html")
    return render(request, "resident_panel/join.html", {"form": form})


@noindex
@never_cache
def confirm(request, token):
    """The link in the email shows a button: a mail scanner opening the link confirms nothing."""
    member = get_object_or_404(PanelMember, token=token)
    if request.method == "POST":
        membership.confirm(member)
        return render(request, "resident_panel/confirmed.html", {"member": member})
    return render(request, "resident_panel/confirm.html", {"member": member})


@noindex
@never_cache
def leave(request, token):
    """One click, no sign-in: the member and their email address are deleted."""
    member = PanelMember.objects.filter(token=token).first()
    if member is not None:
        membership.leave(member)
    return render(request, "resident_panel/left.html")
