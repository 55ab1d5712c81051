"""Email confirmation links and which requests belong to a resident.

A confirmation link confirms one address for one account, once: its token (Django's password-reset token
machinery) is made from the account's password hash, its current address and the address it has confirmed, so
it stops working once used, after a password change and after an address change. It signs nobody in: the
resident confirms from a session signed in to that account (views.verify).
"""
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from casework.access import is_staff_account
from casework.models import Submission
from casework.notifications import queue_email
from sitewide import council_emails
from sitewide.rate_limits import is_limited

from .models import ResidentProfile


def profile_for(user):
    profile, _ = ResidentProfile.objects.get_or_create(user=user)
    return profile


class EmailConfirmationTokens(PasswordResetTokenGenerator):
    """Valid for PASSWORD_RESET_TIMEOUT (3 days), for this account's current address, until it is used."""

    key_salt = "customer_connect.accounts.EmailConfirmationTokens"

    def _make_hash_value(self, user, timestamp):
        confirmed = profile_for(user).verified_email
        return f"{user.pk}{user.password}{(user.email or '').strip().lower()}{confirmed}{timestamp}"


tokens = EmailConfirmationTokens()


def confirmation_url(user, council):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return council.url(reverse("accounts:verify", args=[uid, tokens.make_token(user)]))


def send_verification_email(user, request=None):
    """From the council whose site the resident signed up (or asked again) on, with a link back to it."""
    council = council_emails.for_request(request)
    body = render_to_string(
        "accounts/emails/verify.txt", {"user": user, "url": confirmation_url(user, council), **council.context()}
    )
    subject = f"Confirm your email address for your {council.area_name} account"
    return queue_email(user.email, subject, body, sender=council.sender)


def too_many_emails_to(request, email):
    """At most ACCOUNT_EMAIL_RATE_LIMIT account emails (password reset, "you already have an account")
    to one address, however many times someone asks: nobody can flood a resident's inbox."""
    return is_limited(
        request, "account-emails", "ACCOUNT_EMAIL_RATE_LIMIT", key=lambda group, request: email.strip().lower()
    )


def send_already_registered_email(user, request):
    if too_many_emails_to(request, user.email):
        return None
    council = council_emails.for_request(request)
    body = render_to_string("accounts/emails/already_registered.txt", {
        "sign_in_url": council.url(reverse("accounts:sign_in")),
        "reset_url": council.url(reverse("accounts:password_reset")),
        **council.context(),
    })
    return queue_email(user.email, f"You already have a {council.area_name} account", body, sender=council.sender)


def account_for_link(uidb64, token, user_model):
    """The account a confirmation link was sent for, or None if the link is wrong, old, used or out of date."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = user_model.objects.filter(pk=pk).first()
    except (ValueError, OverflowError, TypeError):
        return None
    if user is None or not user.email or not tokens.check_token(user, token):
        return None
    return user


def confirm_email(user):
    """The account's current address is confirmed; earlier requests sent with it join a resident's account."""
    profile = profile_for(user)
    profile.verified_email = user.email.strip().lower()
    profile.email_verified_at = timezone.now()
    profile.save(update_fields=["verified_email", "email_verified_at"])
    claim_requests(user)


def forget_confirmation(user):
    """The address changed: nothing about the new one is confirmed until a link sent to it is."""
    ResidentProfile.objects.filter(user=user).update(verified_email="", email_verified_at=None)


def confirmed_email(user):
    """The address this account confirmed, if it is still the account's address; otherwise ''."""
    profile = profile_for(user)
    return profile.verified_email if profile.email_verified else ""


def claim_requests(user):
    """Requests sent before signing up, with the same (now confirmed) address, join a resident's account."""
    email = confirmed_email(user)
    if not email or is_staff_account(user):
        return 0
    return Submission.objects.filter(user__isnull=True, email__iexact=email, anonymised_at__isnull=True).update(
        user=user
    )


def requests_for(user):
    """Only a resident's own requests: made while signed in to this account, or sent with the address this account
    confirmed (and still has). A staff account lists none here: staff see requests in the admin, scoped to the
    services they handle (casework.access), never through an address they give themselves."""
    if is_staff_account(user):
        return Submission.objects.none()
    query = Q(user=user)
    email = confirmed_email(user)
    if email:
        query |= Q(email__iexact=email)
    return Submission.objects.filter(query, anonymised_at__isnull=True).prefetch_related("history")


def with_parts_under_parents(requests):
    """The requests as My Account lists them: each part of a bigger request (one move, told to several services)
    under it, as `listed_parts`, not on a row of its own."""
    requests = list(requests)
    shown = {submission.pk for submission in requests}
    for submission in requests:
        submission.listed_parts = sorted(
            (part for part in requests if part.parent_id == submission.pk), key=lambda part: part.pk
        )  # in the order the form asked
    return [submission for submission in requests if submission.parent_id not in shown]
