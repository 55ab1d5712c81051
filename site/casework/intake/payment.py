"""Paying for a request: ask the payment provider with the way back already in hand, then confirm. The page's
routes (cms_pages.TaskFormPage) send the resident there and back."""
from casework import notifications
from casework.models import Payment, PaymentStatus
from casework.payments import get_payment_provider, new_payment_reference

STAFF_PROVIDER = "staff"  # taken by card by customer service staff (casework.assisted), not through the website


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


def taken_by_staff(submission, definition, staff, receipt):
    """A member of staff took the payment by card, by phone or at the desk, on the council's own payment line:
    the request is paid (recorded with the receipt number and who took it) and its emails go."""
    Payment.objects.create(
        token=new_payment_reference(),
        submission=submission,
        provider=STAFF_PROVIDER,
        provider_id=receipt,
        amount_pence=submission.amount_pence,
        description=f"Taken by {staff.get_username()}: {submission.task_title} ({submission.reference})",
        state=Payment.State.SUCCESS,
    )
    submission.payment_status = PaymentStatus.PAID
    submission.save(update_fields=["payment_status", "updated_at"])
    notifications.send_request_emails(submission, definition)
