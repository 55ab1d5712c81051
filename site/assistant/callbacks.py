"""Residents who could not get a person in chat ask for a callback; it joins the live chat queue."""
import re

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django_ratelimit.decorators import ratelimit

from .models import CallbackRequest, ChatMessage, HandoffRequest

UK_PHONE = re.compile(r"^(\+44|0)\d{9,10}$")


class CallbackForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=100, error_messages={"required": "Enter your name"})
    phone = forms.CharField(label="Phone number", max_length=30, required=False, help_text="For example, 01632 960123")
    email = forms.EmailField(
        label="Email address", required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    best_time = forms.CharField(
        label="When is the best time to contact you?", max_length=100, required=False,
        help_text="For example, weekday mornings",
    )
    website = forms.CharField(required=False, label="Leave this field empty")  # honeypot

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not UK_PHONE.match(re.sub(r"[\s()-]", "", phone)):
            raise forms.ValidationError("Enter a UK phone number, like 01632 960123 or 07700 900123")
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            self.add_error("phone", "Enter a phone number or an email address so we can contact you")
        return cleaned


def form_rate(group, request):
    return settings.FORM_RATE_LIMIT


@ratelimit(key="ip", rate=form_rate, method="POST", block=True)
def request_callback(request, reference):
    handoff = get_object_or_404(HandoffRequest, reference=reference)
    form = CallbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            CallbackRequest.objects.create(handoff=handoff, **data)
            ChatMessage.objects.create(
                handoff=handoff, sender=ChatMessage.Sender.SYSTEM,
                text="Thank you. We have your callback request and will contact you.",
            )
        return render(request, "assistant/callback_done.html", {"handoff": handoff})
    return render(request, "assistant/callback_form.html", {"form": form, "handoff": handoff})
