"""Sign-up verification links and which requests belong to a resident."""
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from casework.models import Submission
from casework.notifications import queue_email, site_url

from .models import ResidentProfile

SALT = "westmere.accounts.verify-email"  # unchanged so links already sent stay valid
VERIFY_MAX_AGE = 3 * 24 * 3600


def profile_for(user):
    profile, _ = ResidentProfile.objects.get_or_create(user=user)
    return profile


def verification_token(user):
    return signing.dumps({"user": user.pk, "email": user.email.lower()}, salt=SALT)


def send_verification_email(user):
    url = site_url(reverse("accounts:verify", args=[verification_token(user)]))
    body = render_to_string("accounts/emails/verify.txt", {"user": user, "url": url})
    return queue_email(user.email, "Confirm your email address for your Westmere account", body)


def too_many_emails_to(request, email):
    """At most ACCOUNT_EMAIL_RATE_LIMIT account emails (password reset, "you already have an account")
    to one address, however many times someone asks: nobody can flood a resident's inbox."""
    return is_ratelimited(
        request,
        group="account-emails",
        key=lambda group, request: email.strip().lower(),
        rate=settings.ACCOUNT_EMAIL_RATE_LIMIT,
        increment=True,
    )


def send_already_registered_email(user, request):
    if too_many_emails_to(request, user.email):
        return None
    links = {
        "sign_in_url": site_url(reverse("accounts:sign_in")),
        "reset_url": site_url(reverse("accounts:password_reset")),
    }
    body = render_to_string("accounts/emails/already_registered.txt", links)
    return queue_email(user.email, "You already have a Westmere account", body)


def verify(token, user_model):
    """The user whose email the token confirms, or None if it is wrong, old, or the email has changed."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    user = user_model.objects.filter(pk=data.get("user")).first()
    if user is None or user.email.lower() != data.get("email"):
        return None
    profile = profile_for(user)
    if not profile.email_verified:
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified_at"])
    claim_requests(user)
    return user


def claim_requests(user):
    """Requests sent before signing up, with the same (now verified) email address, join the account."""
    return Submission.objects.filter(user__isnull=True, email__iexact=user.email, anonymised_at__isnull=True).update(
        user=user
    )


def requests_for(user):
    """Only the resident's own requests: made while signed in, or sent with their verified email."""
    query = Q(user=user)
    if profile_for(user).email_verified and user.email:
        query |= Q(email__iexact=user.email)
    return Submission.objects.filter(query, anonymised_at__isnull=True).prefetch_related("history")
