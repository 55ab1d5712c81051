"""Paying for a request: ask the payment provider with the way back already in hand, then confirm. The page's
routes (cms_pages.TaskFormPage) send the resident there and back."""
from casework import notifications
from casework.models import Payment, PaymentStatus
from casework.payments import get_payment_provider, new_payment_reference


def start(submission, return_url):
    """Ask the provider for the request's payment; return_url(reference) is where the resident comes back.
    Returns the URL to send the resident to."""
    reference = new_payment_reference()
    _, next_url = get_payment_provider().create_payment(
        submission=submission,
        amount_pence=submission.amount_pence,
        description=f"{submission.task_title} ({submission.reference})",
        reference=reference,
        return_url=return_url(reference),
    )
    return next_url


def confirm(payment, definition):
    """Ask the provider whether the payment was taken. The first time it was: the request is paid and its emails
    go (casework.notifications.send_request_emails). True when paid."""
    if get_payment_provider().confirm(payment) != Payment.State.SUCCESS:
        return False
    submission = payment.submission
    if submission.payment_status != PaymentStatus.PAID:
        submission.payment_status = PaymentStatus.PAID
        submission.save(update_fields=["payment_status", "updated_at"])
        notifications.send_request_emails(submission, definition)
    return True
