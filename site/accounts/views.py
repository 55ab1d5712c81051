"""My Account: sign up (with an email link), sign in and out, password reset, requests, download, delete."""
import json

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework.access import is_staff_account
from casework.notifications import queue_email
from casework.retention import anonymise
from sitewide import council_emails
from sitewide.councils import in_council
from sitewide.current_site import current_site
from sitewide.rate_limits import limited_by

from . import services
from .forms import SignInForm, SignUpForm


@never_cache
@login_required
def home(request):
    profile = services.profile_for(request.user)
    return render(
        request,
        "accounts/home.html",
        {
            "profile": profile,
            "addresses": profile.addresses.select_related("address"),
            "requests": services.with_parts_under_parents(
                services.requests_for(request.user).filter(in_council(current_site(request), "page__path"))
            ),
            "staff_account": is_staff_account(request.user),
        },
    )


@never_cache
@limited_by("ACCOUNT_FORM_RATE_LIMIT", method="POST", group="accounts")
def sign_up(request):
    """The same answer whether or not the address has an account, as password reset does: the email
    says what to do next (confirm the new account, or sign in to the one that exists)."""
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        existing = form.existing_user()
        if existing is None:
            user = form.save()
            services.profile_for(user)
            services.send_verification_email(user, request)
        else:
            make_password(form.cleaned_data["password"])  # the same work either way: no timing difference
            services.send_already_registered_email(existing, request)
        request.session["sign_up_email"] = form.cleaned_data["email"]
        return redirect("accounts:sign_up_sent")
    return render(request, "accounts/sign_up.html", {"form": form})


@never_cache
def sign_up_sent(request):
    return render(request, "accounts/sign_up_sent.html", {"email": request.session.get("sign_up_email", "")})


@never_cache
def verify(request, uidb64, token):
    """The email link confirms the address of the account it was sent for, and nothing else: it signs nobody in
    (someone who opens another person's link must not be signed in to that person's account, or file their next
    form into it). Opened while signed out, it asks the resident to sign in first; then a button confirms."""
    user = services.account_for_link(uidb64, token, get_user_model())
    if user is None:
        return render(request, "accounts/verify_failed.html", status=400)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.pk != user.pk:
        return render(request, "accounts/verify_failed.html", {"other_account": True}, status=400)
    if request.method == "POST":
        services.confirm_email(user)
        messages.success(request, "Thank you. Your email address is confirmed.")
        return redirect("accounts:home")
    return render(request, "accounts/verify.html", {"email": user.email})


def verify_old_link(request, token):
    """Links sent before issue 20 signed people in: they no longer work; the resident asks for a new one."""
    return render(request, "accounts/verify_failed.html", status=400)


@login_required
@require_POST
@limited_by("ACCOUNT_RESEND_RATE_LIMIT", method="POST", group="accounts-resend", key="user")
def resend_verification(request):
    services.send_verification_email(request.user, request)
    messages.success(request, f"We have sent a new link to {request.user.email}.")
    return redirect("accounts:home")


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    next_page = "/"


class QueuedPasswordResetForm(PasswordResetForm):
    """Reset emails go through the outbox, at most ACCOUNT_EMAIL_RATE_LIMIT to one address, and only for residents'
    accounts: a staff account that has taken a resident's address gets no reset link sent to that resident."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"  # as on sign-in and sign-up (Django says "Email")

    def get_users(self, email):
        return (user for user in super().get_users(email) if not is_staff_account(user))

    def save(self, *args, request=None, **kwargs):
        self.request = request
        return super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        if services.too_many_emails_to(self.request, to_email):
            return  # the page still says "if there is an account, we have sent a link"
        # The council whose site the reset was asked on: its name, its link and its sender.
        council = council_emails.for_request(self.request)
        context = {**context, **council.context(), "reset_url": council.url(
            reverse("accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        )}
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        queue_email(to_email, subject, render_to_string(email_template_name, context), sender=council.sender)


password_reset = limited_by("ACCOUNT_FORM_RATE_LIMIT", method="POST", group="accounts-reset")(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/emails/password_reset.txt",
        subject_template_name="accounts/emails/password_reset_subject.txt",
        form_class=QueuedPasswordResetForm,
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


def export_data(user):
    profile = services.profile_for(user)
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "email_verified": profile.email_verified,
            "joined": user.date_joined,
            "name": profile.full_name,
            "phone": profile.phone,
            "updates_by": profile.get_contact_by_display(),
            "addresses": [saved.address.full for saved in profile.addresses.select_related("address")],
        },
        "requests": [
            {
                "reference": submission.reference,
                "request": submission.task_title,
                "sent": submission.submit_time,
                "status": submission.status_label,
                "payment": submission.get_payment_status_display(),
                "answers": [{"question": label, "answer": answer} for label, answer in submission.answers],
                "history": [
                    {"status": change.status_label, "at": change.created_at, "note": change.note}
                    for change in submission.history.all()
                ],
            }
            for submission in services.requests_for(user)
        ],
    }


@never_cache
@login_required
def download(request):
    response = HttpResponse(
        json.dumps(export_data(request.user), cls=DjangoJSONEncoder, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="westmere-my-data.json"'
    return response


@never_cache
@login_required
def delete(request):
    if request.method == "POST":
        user = request.user
        anonymise(services.requests_for(user))
        logout(request)
        user.delete()
        messages.success(request, "Your account and your personal details have been deleted.")
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html")


def deleted(request):
    return render(request, "accounts/deleted.html")
