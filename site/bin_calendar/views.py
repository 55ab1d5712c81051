"""An address's bin calendar (iCalendar to subscribe to, and JSON), and email reminders the evening before."""
from django import forms
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from kit.fields import GovukEmailField
from kit.honeypot import is_spam
from places.lookups import address_by_uprn
from sitewide.current_site import current_site
from sitewide.rate_limits import limited_by

from . import reminders, schedule
from .models import BinReminder


def address_or_404(request, uprn):
    """The address in the address list of the council whose site this is (never another council's)."""
    address = address_by_uprn(uprn, current_site(request))
    if address is None:
        raise Http404("No address with that UPRN")
    return address


def calendar(request, uprn):
    address = address_or_404(request, uprn)
    url = request.build_absolute_uri(reverse("bin_calendar:remind", args=[address.uprn]))
    ical = schedule.as_ical(address, url, reminders.council_of(address))
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="bin-days-{address.uprn}.ics"'
    return response


def calendar_json(request, uprn):
    return JsonResponse(schedule.as_json(address_or_404(request, uprn)))


class ReminderForm(forms.Form):
    email = GovukEmailField(label="Email address", help_text="We will send a link to confirm it first")


@never_cache
@limited_by("FORM_RATE_LIMIT", method="POST", group="bin-reminders")
def remind(request, uprn):
    address = address_or_404(request, uprn)
    form = ReminderForm(request.POST or None)
    if request.method == "POST" and (is_spam(request.POST) or form.is_valid()):
        if not is_spam(request.POST):
            reminders.ask_to_confirm(form.cleaned_data["email"], address)
        return render(request, "bin_calendar/check_email.html", {"address": address})
    return render(request, "bin_calendar/remind.html", {
        "form": form, "address": address,
        "calendar_url": reverse("bin_calendar:calendar", args=[address.uprn]),
    })


@never_cache
def confirm(request, token):
    """The link in the email shows a button: a mail scanner opening the link confirms nothing."""
    reminder = get_object_or_404(BinReminder.objects.select_related("address"), token=token)
    if request.method == "POST":
        if reminder.confirmed_at is None:
            reminder.confirmed_at = timezone.now()
            reminder.save(update_fields=["confirmed_at"])
        return render(request, "bin_calendar/confirmed.html", {"reminder": reminder})
    return render(request, "bin_calendar/confirm.html", {"reminder": reminder})


@never_cache
def stop(request, token):
    """One click, no sign-in: the reminder is deleted, and so is the email address it had."""
    reminder = BinReminder.objects.filter(token=token).select_related("address").first()
    address = reminder.address if reminder else None
    if reminder:
        reminder.delete()
    return render(request, "bin_calendar/stopped.html", {"address": address})
