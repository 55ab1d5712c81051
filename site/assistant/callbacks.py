"""Residents who could not get a person in chat ask for a callback; it joins the live chat queue."""
from django import forms
from django.shortcuts import get_object_or_404, render

from kit.fields import GovukEmailField, UKPhoneField
from kit.honeypot import HoneypotMixin
from sitewide.rate_limits import limited_by

from .chat_scope import council_of
from .models import CallbackRequest, ChatMessage, HandoffRequest


class CallbackForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label="Your name", max_length=100, error_messages={"required": "Enter your name"})
    phone = UKPhoneField(label="Phone number", required=False, help_text="For example, 01632 960123")
    email = GovukEmailField(label="Email address", required=False)
    best_time = forms.CharField(
        label="When is the best time to contact you?", max_length=100, required=False,
        help_text="For example, weekday mornings",
    )
    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            self.add_error("phone", "Enter a phone number or an email address so we can contact you")
        return cleaned


@limited_by("FORM_RATE_LIMIT", method="POST")
def request_callback(request, reference):
    handoff = get_object_or_404(HandoffRequest, reference=reference)
    form = CallbackForm(request.POST or None)
    # The chat's council's hours and phone number, whichever council's site the link is opened on.
    context = {"form": form, "handoff": handoff, "chat_council": council_of(handoff)}
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            CallbackRequest.objects.create(handoff=handoff, **form.cleaned_data)
            ChatMessage.objects.create(
                handoff=handoff, sender=ChatMessage.Sender.SYSTEM,
                text="Thank you. We have your callback request and will contact you.",
            )
        return render(request, "assistant/callback_done.html", context)
    return render(request, "assistant/callback_form.html", context)
