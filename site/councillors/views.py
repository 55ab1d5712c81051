"""The councillor's pages in the admin: their ward's requests and enquiries, and logging an enquiry for a
resident. Only a signed-in councillor (a Councillor record with their sign-in) sees them, and only their ward."""
from django import forms
from django.conf import settings
from django.shortcuts import redirect, render

from kit.fields import UKPhoneField, UKPostcodeField

from .models import MemberEnquiry
from .ward import councillor_of, ward_requests

SHOWN = 100


class EnquiryForm(forms.ModelForm):
    resident_phone = UKPhoneField(label="Resident's phone number", required=False)
    postcode = UKPostcodeField(label="Resident's postcode", required=False)

    class Meta:
        model = MemberEnquiry
        fields = ["resident_name", "resident_email", "resident_phone", "postcode", "about", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("resident_email") or cleaned.get("resident_phone")) and not self.errors:
            raise forms.ValidationError("Give the resident's email address or phone number, so we can answer them.")
        return cleaned


def not_a_councillor(request):
    return render(request, "councillors/not_a_councillor.html", status=403)


def your_ward(request):
    councillor = councillor_of(request.user)
    if councillor is None:
        return not_a_councillor(request)
    return render(request, "councillors/your_ward.html", {
        "councillor": councillor,
        "requests": list(ward_requests(councillor)[:SHOWN]),
        "enquiries": list(councillor.enquiries.all()[:SHOWN]),
    })


def log_enquiry(request):
    councillor = councillor_of(request.user)
    if councillor is None:
        return not_a_councillor(request)
    form = EnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enquiry = form.save(commit=False)
        enquiry.councillor = councillor
        enquiry.save()
        return redirect("councillors:logged", enquiry.reference)
    return render(request, "councillors/log_enquiry.html", {
        "councillor": councillor, "form": form, "working_days": settings.MEMBER_ENQUIRY_WORKING_DAYS,
    })


def logged(request, reference):
    councillor = councillor_of(request.user)
    enquiry = councillor.enquiries.filter(reference=reference).first() if councillor else None
    if enquiry is None:
        return not_a_councillor(request)
    return render(request, "councillors/logged.html", {"enquiry": enquiry})
