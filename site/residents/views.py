"""One view of the resident in the admin: find a resident by email, phone, postcode or reference, giving the reason
for looking; every look, link, unlink and export is recorded (RecordLook), and a data protection officer reads and
exports that record. Staff without the permission get 403, not a hint of what exists."""
import csv
import json
from functools import wraps

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kit.spreadsheets import safe_cell

from .identifiers import POSTCODE, Identifier, identify
from .models import RecordLook, ResidentLink
from .record import record_of, residents_at, subject_access

SEE = "residents.view_resident_record"
AUDIT = "residents.read_record_looks"
LOOKS_SHOWN = 200


class Look(forms.Form):
    q = forms.CharField(
        label="Email address, phone number, postcode or request reference", max_length=254,
        error_messages={"required": "Enter an email address, phone number, postcode or reference"},
    )
    reason = forms.CharField(
        label="Why are you looking?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: the resident called about their request. It is recorded with your name.",
        error_messages={"required": "Say why you are looking at this resident's record"},
    )

    def clean_q(self):
        identifier = identify(self.cleaned_data["q"])
        if identifier is None:
            raise forms.ValidationError("Enter an email address, phone number, postcode or reference like WM-7K3P-9Q")
        return identifier


class Link(forms.Form):
    other = forms.CharField(label="Same resident as (email address, phone number or reference)", max_length=254)
    link_reason = forms.CharField(label="How do you know?", max_length=500)

    def clean_other(self):
        identifier = identify(self.cleaned_data["other"])
        if identifier is None or identifier.kind == POSTCODE:
            raise forms.ValidationError("Enter an email address, phone number or reference: a postcode is many people")
        return identifier


def forbidden(request):
    return render(request, "residents/forbidden.html", status=403)


def recorded(request, identifier, reason, what=RecordLook.What.VIEW):
    RecordLook.objects.create(user=request.user, resident=str(identifier), reason=reason, what=what)


def show(request, identifier, reason, link_form=None, status=200):
    record = record_of(identifier, request.user)
    return render(request, "residents/record.html", {
        "record": record, "timeline": record.timeline(), "reason": reason, "start": str(identifier),
        "link_form": link_form or Link(),
    }, status=status)


def find(request):
    if not request.user.has_perm(SEE):
        return forbidden(request)
    look = Look(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not look.is_valid():
        return render(request, "residents/find.html", {"look": look})
    identifier, reason = look.cleaned_data["q"], look.cleaned_data["reason"]
    if identifier.kind == POSTCODE:
        return render(request, "residents/at_postcode.html", {
            "postcode": identifier.value, "residents": residents_at(identifier.value, request.user), "reason": reason,
        })
    recorded(request, identifier, reason)
    return show(request, identifier, reason)


def on_an_open_record(view):
    """A POST from an open record's page: staff who may see records, the record (`start`) and the reason given
    when it was opened (`reason`), both carried in the page's forms; 403 or 400 otherwise."""

    @require_POST
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(SEE):
            return forbidden(request)
        identifier = Identifier.parse(request.POST.get("start"))
        reason = str(request.POST.get("reason") or "").replace("\x00", "").strip()[:500]
        if identifier is None or not reason:
            return render(request, "residents/find.html", {"look": Look()}, status=400)
        return view(request, identifier, reason, *args, **kwargs)

    return checked


@on_an_open_record
def link(request, identifier, reason):
    form = Link(request.POST)
    if not form.is_valid():
        recorded(request, identifier, reason)
        return show(request, identifier, reason, link_form=form, status=400)
    other, why = form.cleaned_data["other"], form.cleaned_data["link_reason"]
    ResidentLink.objects.create(first=str(identifier), second=str(other), reason=why, linked_by=request.user)
    recorded(request, identifier, f"{reason} (linked {other.words}: {why})", RecordLook.What.LINK)
    return show(request, identifier, reason)


@on_an_open_record
def unlink(request, identifier, reason, pk):
    link = get_object_or_404(ResidentLink, pk=pk, unlinked_at__isnull=True)
    why = str(request.POST.get("unlink_reason") or "").strip()[:500] or "No reason given"
    link.unlinked_by, link.unlinked_at, link.unlink_reason = request.user, timezone.now(), why
    link.save(update_fields=["unlinked_by", "unlinked_at", "unlink_reason"])
    recorded(request, identifier, f"{reason} (unlinked {link}: {why})", RecordLook.What.UNLINK)
    return show(request, identifier, reason)


@on_an_open_record
def export(request, identifier, reason):
    """A subject access export: everything held about the resident, in one JSON file."""
    recorded(request, identifier, reason, RecordLook.What.EXPORT)
    held = subject_access(record_of(identifier, request.user))
    response = HttpResponse(json.dumps(held, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{timezone.now():%Y%m%d-%H%M}.json"'
    return response


def looks(request):
    """Who looked at which resident's record, when and why (data protection officers)."""
    if not request.user.has_perm(AUDIT):
        return forbidden(request)
    rows = RecordLook.objects.select_related("user")
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="record-looks.csv"'
        writer = csv.writer(response)
        writer.writerow(["When", "Who", "Whose record", "What", "Why"])
        for look in rows.iterator():
            writer.writerow([safe_cell(value) for value in (
                look.at.isoformat(), look.user.get_username() if look.user else "", look.resident,
                look.get_what_display(), look.reason,
            )])
        return response
    return render(request, "residents/looks.html", {"looks": rows[:LOOKS_SHOWN]})
