"""Payments behind a small interface, so a real provider (GOV.UK Pay, a card processor) can replace the demo.

A provider is told the amount, a description, our reference for the payment and where to send the resident
back (a URL that carries that reference), records a Payment and returns the URL to send the resident to;
after they come back, `confirm` says whether the money was taken. The
council's site never sees or stores card details. CASEWORK_PAYMENT_PROVIDER picks the class.
"""
import secrets
from abc import ABC, abstractmethod

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from .models import Payment


class PaymentProvider(ABC):
    name = ""

    @abstractmethod
    def create_payment(self, *, submission, amount_pence, description, reference, return_url):
        """Record a Payment (token=reference) and return (payment, URL to send the resident to)."""

    @abstractmethod
    def confirm(self, payment):
        """Ask the provider how the payment went: returns Payment.State.SUCCESS, CANCELLED or CREATED."""


class FakePaymentProvider(PaymentProvider):
    """DEMO ONLY: a page on this site with 'Pay (demo)' and 'Cancel' buttons. No money moves."""

    name = "fake"

    def create_payment(self, *, submission, amount_pence, description, reference, return_url):
        payment = Payment.objects.create(
            token=reference,
            submission=submission,
            provider=self.name,
            amount_pence=amount_pence,
            description=description,
            return_url=return_url,
        )
        payment.provider_id = f"demo-{payment.pk}"
        payment.save(update_fields=["provider_id"])
        return payment, reverse("casework:demo_payment", args=[payment.token])

    def confirm(self, payment):
        payment.refresh_from_db()
        return payment.state


def new_payment_reference():
    """Ours, made before the provider is asked, so the return URL can carry it from the start."""
    return secrets.token_urlsafe(24)


def get_payment_provider():
    return import_string(settings.CASEWORK_PAYMENT_PROVIDER)()
