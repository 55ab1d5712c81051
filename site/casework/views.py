"""Tracking a request without an account, the demo payment page, and staff downloads of uploads."""
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from wagtail.log_actions import log

from kit.fields import GovukEmailField
from sitewide.councils import council_for_request, council_for_site, council_name, public_url, site_for_page
from sitewide.current_site import current_site
from sitewide.merged_councils import merged_into
from sitewide.rate_limits import is_limited

from . import access, references
from .fields import UPLOAD_TYPES, download_name
from .models import Payment, Submission, Upload
from .prices import pounds

NOT_FOUND = (
    "We could not find a request with that reference number and email address. "
    "Check both and try again, or contact us."
)


def tracked_here(submission, site):
    """A request is tracked on its own council's site, and on the site of a council merged into it or it into
    (an old reference at its old link); another council's site sends the resident to their own."""
    own = site_for_page(submission.page) if submission.page_id else None
    if own is None or site is None or own.pk == site.pk:
        return True
    return any(merged is not None and merged.pk == other.pk
               for merged, other in ((merged_into(site), own), (merged_into(own), site)))


def elsewhere_message(submission):
    site = site_for_page(submission.page)
    name = council_name(council_for_site(site))
    return f"That is a {name} reference. Track it on their website: {public_url(site, '/track/')}"


class TrackForm(forms.Form):
    reference = forms.CharField(
        label="Reference number",
        help_text="For example, WM-7K3P-9Q. It is in your confirmation email.",
        max_length=20,
        error_messages={"required": "Enter your reference number"},
    )
    email = GovukEmailField(
        label="Email address",
        help_text="The email address you gave on the form",
        error_messages={"required": "Enter your email address"},
    )

    def __init__(self, *args, reference_prefix=references.PREFIX, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].help_text = (
            f"For example, {reference_prefix}-7K3P-9Q. It is in your confirmation email."
        )


def tracking_prefix(request):
    """A reference typed without its prefix (7K3P-9Q) is taken as one of the council whose site it is typed on."""
    council = council_for_request(request)
    return council.reference_prefix if council is not None and council.reference_prefix else references.PREFIX


@never_cache
def track(request):
    submission = None
    status = 200
    rate_limited = False
    prefix = tracking_prefix(request)
    if request.method == "POST":
        form = TrackForm(request.POST, reference_prefix=prefix)
        if is_limited(request, "track", "TRACK_RATE_LIMIT"):
            rate_limited, status = True, 429
        elif form.is_valid():
            submission = (
                Submission.objects.filter(
                    reference=references.normalise(form.cleaned_data["reference"], prefix=prefix),
                    email__iexact=form.cleaned_data["email"].strip(),
                    anonymised_at__isnull=True,
                )
                .prefetch_related("history")
                .first()
            )
            if submission is None:
                form.add_error(None, NOT_FOUND)
            elif not tracked_here(submission, current_site(request)):
                form.add_error(None, elsewhere_message(submission))
                submission = None
    else:
        form = TrackForm(reference_prefix=prefix)
    template = "casework/track_result.html" if submission else "casework/track.html"
    return render(
        request, template, {"form": form, "submission": submission, "rate_limited": rate_limited}, status=status
    )


@never_cache
def demo_payment(request, token):
    """DEMO ONLY: stands in for a real payment provider's hosted page. No card details are asked for."""
    payment = get_object_or_404(Payment, token=token, provider="fake")
    if payment.state != Payment.State.CREATED:
        return redirect(payment.return_url)
    if request.method == "POST":
        payment.state = Payment.State.SUCCESS if request.POST.get("action") == "pay" else Payment.State.CANCELLED
        payment.save(update_fields=["state", "updated_at"])
        return redirect(payment.return_url)
    amount = pounds(payment.amount_pence)
    return render(request, "casework/demo_payment.html", {"payment": payment, "amount": amount})


@login_required(login_url="wagtailadmin_login")
def upload(request, pk):
    """Staff who handle a request can download its files (recorded in its history); nobody else, and never from a
    public URL."""
    if not access.can_handle_requests(request.user):
        raise PermissionDenied
    item = get_object_or_404(Upload, pk=pk, submission__in=access.requests_for(request.user))
    log(instance=item.submission, action="casework.download_file", user=request.user, data={"file": str(item.pk)})
    content_type = item.content_type if item.content_type in UPLOAD_TYPES else "application/octet-stream"
    response = FileResponse(item.file.open("rb"), as_attachment=True, content_type=content_type,
                            filename=download_name(item.original_name, item.content_type))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"  # never read as anything but its type
    return response
