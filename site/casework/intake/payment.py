"""Pay tasks: send the resident to the payment provider with the way back already in hand, then confirm."""
from django.shortcuts import get_object_or_404, redirect

from casework import notifications
from casework.models import Payment, PaymentStatus
from casework.payments import get_payment_provider, new_payment_reference
from casework.prices import pounds

from . import drafts


def start(page, submission):
    reference = new_payment_reference()
    _, next_url = get_payment_provider().create_payment(
        submission=submission,
        amount_pence=submission.amount_pence,
        description=f"{page.task.title} ({submission.reference})",
        reference=reference,
        return_url=page.sub_url("payment_return", reference),
    )
    return redirect(next_url)


def returned(page, request, token):
    """The resident is back from the provider: paid -> emails and the confirmation; not paid -> try again."""
    payment = get_object_or_404(Payment, token=token, submission__page=page)
    submission = payment.submission
    if get_payment_provider().confirm(payment) == Payment.State.SUCCESS:
        if submission.payment_status != PaymentStatus.PAID:
            submission.payment_status = PaymentStatus.PAID
            submission.save(update_fields=["payment_status", "updated_at"])
            notifications.send_request_emails(submission, page.thank_you_text, page.to_address)
        request.session[drafts.last_sent_key(page)] = submission.pk
        return redirect(page.sub_url("confirmation"))
    return page.render_page(
        request,
        "cms_pages/task_form_page_payment_failed.html",
        {
            "submission": submission,
            "payment": payment,
            "amount": pounds(payment.amount_pence),
            "retry_url": page.sub_url("payment_retry", token),
        },
    )


def not_paid_yet(page, submission):
    """The confirmation page asked for before paying: ask the provider how the last payment went (paid -> the
    confirmation; not -> "Your payment was not taken" and a way to pay). Never "Request sent" unpaid."""
    latest = submission.payments.order_by("-created_at", "-pk").first()
    if latest is None:
        return start(page, submission)
    return redirect(page.sub_url("payment_return", latest.token))


def retry(page, request, token):
    payment = get_object_or_404(Payment, token=token, submission__page=page)
    if request.method != "POST" or payment.submission.payment_status == PaymentStatus.PAID:
        return redirect(page.sub_url("payment_return", token))
    return start(page, payment.submission)
