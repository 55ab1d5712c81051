"""Sending a form: the request is saved first, before any email or payment, so nothing is lost."""
import re
from decimal import Decimal

from django import forms
from django.shortcuts import redirect

from casework import notifications
from casework.models import PaymentStatus, Submission

from . import drafts, payment, uploads
from .questions import LARGEST_PAYMENT, PHOTO_FIELD, PaymentAmountField

DEFAULT_SERVICE_STANDARD = "We will reply within 5 working days."
PRICE_IN_CHOICE = re.compile(r"£(\d{1,8}(?:\.\d{1,2})?)")


def amount_due(page, form):
    """Pay tasks: the amount-to-pay question, or the first £ price in a chosen answer ('1 bin (£52)'), in pence."""
    if getattr(page.task, "kind", "") != "pay":
        return None
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if isinstance(field, PaymentAmountField) and isinstance(value, Decimal):
            return int(value * 100)
        if isinstance(value, str):
            match = PRICE_IN_CHOICE.search(value)
            if match and Decimal(match.group(1)) <= LARGEST_PAYMENT:
                return int(Decimal(match.group(1)) * 100) or None
    return None


def email_of(form):
    name = next((n for n, f in form.fields.items() if isinstance(f, forms.EmailField)), None)
    return (form.cleaned_data.get(name) or "") if name else ""


def send(page, request, form, rows, draft):
    amount = amount_due(page, form)
    submission = Submission(
        page=page,
        form_data={name: value for name, value in form.cleaned_data.items() if name != PHOTO_FIELD},
        task_title=page.task.title,
        email=email_of(form),
        answers=[[row["label"], row["value"]] for row in rows],
        user=request.user if request.user.is_authenticated else None,
        service_standard=page.service_standard or DEFAULT_SERVICE_STANDARD,
        payment_status=PaymentStatus.PENDING if amount else PaymentStatus.NOT_NEEDED,
        amount_pence=amount,
    )
    submission.save()  # first, before any email or payment
    uploads.attach(draft.get("photo"), submission)
    drafts.clear(request, page)
    request.session[drafts.last_sent_key(page)] = submission.pk
    if amount:
        return payment.start(page, submission)
    send_emails(page, submission)
    return redirect(page.sub_url("confirmation"))


def send_emails(page, submission):
    notifications.send_confirmation_email(submission)
    notifications.send_team_email(submission, page.to_address)
