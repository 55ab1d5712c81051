"""Sending a form: the request is saved first, before any email or payment, so nothing is lost."""
from decimal import Decimal

from django import forms
from django.shortcuts import redirect

from casework import notifications
from casework.models import PaymentStatus, Submission

from . import drafts, payment, pricing, uploads
from .questions import PHOTO_FIELD, PaymentAmountField

DEFAULT_SERVICE_STANDARD = "We will reply within 5 working days."


def amount_due(page, form):
    """In pence: what the answers come to in the form's price table (any task), or, on a pay task without one,
    the answer to the amount-to-pay question. None when there is nothing to pay."""
    table = page.price_table()
    if table:
        return pricing.charge(table, form) or None
    if getattr(page.task, "kind", "") != "pay":
        return None
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if isinstance(field, PaymentAmountField) and isinstance(value, Decimal):
            return int(value * 100)
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
    notifications.send_request_emails(submission, page.thank_you_text, page.to_address)
    return redirect(page.sub_url("confirmation"))

