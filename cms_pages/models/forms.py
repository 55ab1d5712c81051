"""Online forms that report/apply/pay/book tasks end in, built by editors with Wagtail's form builder.

GOV.UK patterns: forms with more than four questions ask one question (or a postcode + address pair)
per page; every answer is kept server-side in the resident's session (database sessions, two weeks
by default), including answers that failed validation, until the form is sent; then "Check your
answers", an optional demo payment for pay tasks, and a confirmation page with the reference.

URLs under <task>/start/: "" (first question), step/<n>/, check/, payment/return/<token>/,
payment/retry/<token>/, confirmation/.
"""
import datetime
import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django_ratelimit.core import is_ratelimited
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from casework import fields as casework_fields
from kit import fields as kit_fields
from kit import messages
from kit.honeypot import is_spam

PHOTO_FIELD = "photo"
MAX_QUESTIONS_ON_ONE_PAGE = 4
DEFAULT_SERVICE_STANDARD = "We will reply within 5 working days."
CHOICE_TYPES = ("radio", "dropdown", "checkboxes", "multiselect")


class Validation(models.TextChoices):
    AUTO = "auto", "Work it out from the question"
    NONE = "none", "No extra checks"
    POSTCODE = "postcode", "UK postcode"
    PHONE = "phone", "UK phone number"
    PAST_DATE = "past_date", "A real date, today or in the past"
    ANY_DATE = "any_date", "Any real date"


class TaskFormField(AbstractFormField):
    page = ParentalKey("TaskFormPage", on_delete=models.CASCADE, related_name="form_fields")
    validation = models.CharField(
        max_length=20,
        choices=Validation.choices,
        default=Validation.AUTO,
        help_text="Extra checks on the answer. 'Work it out' checks postcodes, phone numbers and dates "
        "from the question.",
    )

    panels = AbstractFormField.panels + [FieldPanel("validation")]

    def effective_validation(self):
        if self.validation != Validation.AUTO:
            return self.validation
        label = self.label.lower()
        if self.field_type == "date":
            return Validation.ANY_DATE if re.search(r"\b(plan|moving|move)\b", label) else Validation.PAST_DATE
        if self.field_type == "singleline":
            if "postcode" in label:
                return Validation.POSTCODE
            if "phone" in label:
                return Validation.PHONE
        return Validation.NONE


def rule(field):
    return field.effective_validation() if hasattr(field, "effective_validation") else Validation.NONE


class TaskFormBuilder(FormBuilder):
    """Wagtail's form builder with GOV.UK error messages and UK checks."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        message = messages.required_message(field.label, choose=field.field_type in CHOICE_TYPES)
        options["error_messages"] = {"required": message}
        return options

    def create_singleline_field(self, field, options):
        if rule(field) == Validation.POSTCODE:
            return kit_fields.UKPostcodeField(**options)
        if rule(field) == Validation.PHONE:
            return kit_fields.UKPhoneField(**options)
        return super().create_singleline_field(field, options)

    def create_email_field(self, field, options):
        return kit_fields.GovukEmailField(**options)

    def create_date_field(self, field, options):
        options.pop("initial", None)
        return kit_fields.GovukDateField(allow_future=rule(field) == Validation.ANY_DATE, **options)

    def create_number_field(self, field, options):
        if "£" in field.label:
            return kit_fields.MoneyField(**options)
        options["error_messages"]["invalid"] = messages.NUMBER_INVALID
        return forms.DecimalField(min_value=0, **options)


class TaskFormPage(RoutablePageMixin, AbstractEmailForm):
    form_builder = TaskFormBuilder

    intro = models.TextField(blank=True, help_text="What the form asks for and what residents need to hand.")
    thank_you_text = models.TextField(blank=True, help_text="What happens next, shown after they submit.")
    service_standard = models.CharField(
        max_length=255,
        default=DEFAULT_SERVICE_STANDARD,
        help_text="Our promise, shown on the confirmation and tracking pages, for example: "
        "We will reply within 5 working days.",
    )
    photo_upload = models.BooleanField(
        "Ask for a photo",
        default=False,
        help_text="Add an optional photo question (JPEG, PNG, HEIC or PDF). Only staff can see the files.",
    )

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Questions"),
        FieldPanel("photo_upload"),
        FieldPanel("thank_you_text"),
        FieldPanel("service_standard"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading="Email the team",
        ),
    ]
    parent_page_types = ["cms_pages.TaskPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Online form"

    @property
    def task(self):
        return self.get_parent().specific

    def get_submission_class(self):
        """Requests are casework Submissions (with reference and status), also listed under Forms in the admin."""
        from casework.models import Submission

        return Submission

    # --- the form and its pages -------------------------------------------------------------

    def get_form_class(self):
        form_class = super().get_form_class()
        if self.photo_upload:
            photo = casework_fields.UploadField(
                label="Photo (optional)",
                required=False,
                help_text="A photo or PDF helps us find and fix the problem. JPEG, PNG, HEIC or PDF, "
                f"up to {settings.CASEWORK_UPLOAD_MAX_BYTES // (1024 * 1024)}MB.",
            )
            form_class = type("WagtailForm", (form_class,), {PHOTO_FIELD: photo})
        return form_class

    def get_steps(self, form_class):
        """Field names on each page: all on one page for short forms, else one question (or postcode+address)."""
        names = list(form_class.base_fields)
        if len(names) <= MAX_QUESTIONS_ON_ONE_PAGE:
            return [names]
        steps = []
        for name in names:
            label = str(form_class.base_fields[name].label).lower()
            previous = steps[-1] if steps else None
            if previous and len(previous) == 1 and "postcode" in str(
                form_class.base_fields[previous[0]].label
            ).lower() and "address" in label:
                previous.append(name)
            else:
                steps.append([name])
        return steps

    def make_form(self, request, form_class, names=None, **kwargs):
        form = form_class(page=self, user=request.user, **kwargs)
        if names is not None:
            for name in list(form.fields):
                if name not in names:
                    del form.fields[name]
        return form

    @staticmethod
    def as_post_data(form_class, values):
        """Stored answers -> the shape a browser posts, to check the whole form at once."""
        data = MultiValueDict()
        for name, field in form_class.base_fields.items():
            if name not in values or name == PHOTO_FIELD:
                continue
            value = values[name]
            if isinstance(field.widget, forms.MultiWidget):
                for i, part in enumerate(value or []):
                    data[f"{name}_{i}"] = part or ""
            elif isinstance(value, list):
                data.setlist(name, value)
            elif isinstance(field.widget, forms.CheckboxInput):
                if value:
                    data[name] = "on"
            else:
                data[name] = "" if value is None else value
        return data

    # --- answers kept in the session ---------------------------------------------------------

    @property
    def draft_key(self):
        return f"taskform:{self.pk}"

    def load_draft(self, request):
        draft = request.session.get(self.draft_key) or {}
        draft.setdefault("values", {})
        draft.setdefault("photo", None)
        return draft

    def save_draft(self, request, draft):
        request.session[self.draft_key] = draft
        request.session.modified = True

    def clear_draft(self, request):
        request.session.pop(self.draft_key, None)

    # --- URLs --------------------------------------------------------------------------------

    def step_url(self, number):
        return self.url + (self.reverse_subpage("step", args=[number]) if number > 1 else "")

    def sub_url(self, name, *args):
        return self.url + self.reverse_subpage(name, args=list(args))

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)  # answers and CSRF tokens are personal: never in the page cache
        return response

    def render_page(self, request, template, context, status=200):
        full_context = self.get_context(request)
        full_context.update(context)
        return render(request, template, full_context, status=status)

    def fake_success(self, request):
        """A bot filled the hidden field: look successful, store nothing."""
        self.clear_draft(request)
        return self.render_page(request, self.get_landing_page_template(request), {"submission": None})

    # --- the question pages ------------------------------------------------------------------

    @path("", name="start")
    def start(self, request):
        return self.serve_step(request, 1)

    @path("step/<int:number>/", name="step")
    def step(self, request, number):
        if number == 1:
            return redirect(self.step_url(1))
        return self.serve_step(request, number)

    def serve_step(self, request, number):
        form_class = self.get_form_class()
        steps = self.get_steps(form_class)
        if not 1 <= number <= len(steps):
            raise Http404
        names = steps[number - 1]
        draft = self.load_draft(request)
        changing = request.GET.get("change") == "1"
        if request.method == "POST":
            if is_spam(request.POST):
                return self.fake_success(request)
            form = self.make_form(request, form_class, names, data=request.POST, files=request.FILES)
            for name in names:  # keep what was typed, even if it is wrong
                if name != PHOTO_FIELD:
                    widget = form.fields[name].widget
                    draft["values"][name] = widget.value_from_datadict(request.POST, request.FILES, name)
            self.save_draft(request, draft)
            if PHOTO_FIELD in names and request.FILES.get(PHOTO_FIELD) and is_ratelimited(
                request, group="uploads", key="ip", rate=settings.FORM_RATE_LIMIT, increment=True
            ):
                return self.render_step(request, form, number, steps, draft, changing, rate_limited=True, status=429)
            if form.is_valid():
                if PHOTO_FIELD in names and form.cleaned_data.get(PHOTO_FIELD):
                    draft["photo"] = self.store_upload(form.cleaned_data[PHOTO_FIELD], draft.get("photo"))
                    self.save_draft(request, draft)
                if changing or number == len(steps):
                    return redirect(self.sub_url("check"))
                return redirect(self.step_url(number + 1))
            return self.render_step(request, form, number, steps, draft, changing)
        form = self.make_form(request, form_class, names, initial=draft["values"])
        return self.render_step(request, form, number, steps, draft, changing)

    def render_step(self, request, form, number, steps, draft, changing, rate_limited=False, status=200):
        back_url = self.sub_url("check") if changing else (self.step_url(number - 1) if number > 1 else self.task.url)
        action = self.step_url(number) + ("?change=1" if changing else "")
        return self.render_page(
            request,
            self.get_template(request),
            {
                "form": form,
                "step_number": number,
                "step_count": len(steps),
                "back_url": back_url,
                "form_action": action,
                "photo": draft.get("photo") if PHOTO_FIELD in form.fields else None,
                "rate_limited": rate_limited,
            },
            status=status,
        )

    @staticmethod
    def store_upload(uploaded, previous):
        from casework.models import Upload

        if previous:
            Upload.objects.filter(pk=previous["id"], submission__isnull=True).delete()
        upload = Upload(
            original_name=uploaded.name[:255],
            content_type=uploaded.sniffed_type,
            size=uploaded.size,
        )
        upload.file.save("upload", uploaded, save=False)
        upload.save()
        return {"id": str(upload.pk), "name": upload.original_name}

    # --- check your answers and send ---------------------------------------------------------

    def full_form(self, request, form_class, draft):
        return self.make_form(request, form_class, data=self.as_post_data(form_class, draft["values"]))

    @staticmethod
    def display(value):
        if value is None or value == "" or value == []:
            return "Not given"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, datetime.date):
            return date_format(value, "j F Y")
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return str(value)

    def answer_rows(self, form, steps, draft):
        rows = []
        for number, names in enumerate(steps, start=1):
            for name in names:
                if name == PHOTO_FIELD:
                    value = (draft.get("photo") or {}).get("name") or "Not given"
                else:
                    value = self.display(form.cleaned_data.get(name))
                rows.append(
                    {
                        "label": str(form.fields[name].label),
                        "value": value,
                        "change_url": self.step_url(number) + "?change=1",
                        "field_id": f"id_{name}",
                    }
                )
        return rows

    def first_invalid_step(self, form, steps):
        for number, names in enumerate(steps, start=1):
            if any(name in form.errors for name in names):
                return number
        return 1

    @path("check/", name="check")
    def check_answers(self, request):
        form_class = self.get_form_class()
        steps = self.get_steps(form_class)
        draft = self.load_draft(request)
        form = self.full_form(request, form_class, draft)
        if not form.is_valid():
            return redirect(self.step_url(self.first_invalid_step(form, steps)))
        rows = self.answer_rows(form, steps, draft)
        amount = self.amount_due(form)
        context = {
            "rows": rows,
            "back_url": self.step_url(len(steps)),
            "check_url": self.sub_url("check"),
            "amount": f"£{amount / 100:.2f}" if amount else "",
        }
        if request.method == "POST":
            if is_spam(request.POST):
                return self.fake_success(request)
            if is_ratelimited(request, group="forms", key="ip", rate=settings.FORM_RATE_LIMIT, increment=True):
                context["rate_limited"] = True
                return self.render_page(request, "cms_pages/task_form_page_check.html", context, status=429)
            return self.send(request, form, rows, draft)
        return self.render_page(request, "cms_pages/task_form_page_check.html", context)

    def amount_due(self, form):
        """Pay tasks: the first £ amount in a chosen answer ('1 bin (£52)') or a £ number question."""
        if getattr(self.task, "kind", "") != "pay":
            return None
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if isinstance(value, Decimal) and "£" in str(field.label):
                return int(value * 100) or None
            if isinstance(value, str):
                match = re.search(r"£(\d+(?:\.\d{1,2})?)", value)
                if match:
                    return int(Decimal(match.group(1)) * 100)
        return None

    def send(self, request, form, rows, draft):
        from casework import notifications
        from casework.models import PaymentStatus, Submission, Upload

        email_name = next((n for n, f in form.fields.items() if isinstance(f, forms.EmailField)), None)
        amount = self.amount_due(form)
        form_data = {name: value for name, value in form.cleaned_data.items() if name != PHOTO_FIELD}
        submission = Submission(
            page=self,
            form_data=form_data,
            task_title=self.task.title,
            email=(form.cleaned_data.get(email_name) or "") if email_name else "",
            answers=[[row["label"], row["value"]] for row in rows],
            user=request.user if request.user.is_authenticated else None,
            service_standard=self.service_standard or DEFAULT_SERVICE_STANDARD,
            payment_status=PaymentStatus.PENDING if amount else PaymentStatus.NOT_NEEDED,
            amount_pence=amount,
        )
        submission.save()  # first, before any email or payment
        if draft.get("photo"):
            Upload.objects.filter(pk=draft["photo"]["id"], submission__isnull=True).update(submission=submission)
        self.clear_draft(request)
        request.session[f"{self.draft_key}:last"] = submission.pk
        if amount:
            return self.start_payment(request, submission)
        notifications.send_confirmation_email(submission)
        notifications.send_team_email(submission, self.to_address)
        return redirect(self.sub_url("confirmation"))

    # --- payment (pay tasks) -----------------------------------------------------------------

    def start_payment(self, request, submission):
        from casework.payments import get_payment_provider

        provider = get_payment_provider()
        payment, next_url = provider.create_payment(
            submission=submission,
            amount_pence=submission.amount_pence,
            description=f"{self.task.title} ({submission.reference})",
            return_url="",
        )
        payment.return_url = self.sub_url("payment_return", payment.token)
        payment.save(update_fields=["return_url"])
        return redirect(next_url)

    @path("payment/return/<str:token>/", name="payment_return")
    def payment_return(self, request, token):
        from casework import notifications
        from casework.models import Payment, PaymentStatus
        from casework.payments import get_payment_provider

        payment = get_object_or_404(Payment, token=token, submission__page=self)
        submission = payment.submission
        state = get_payment_provider().confirm(payment)
        if state == Payment.State.SUCCESS:
            if submission.payment_status != PaymentStatus.PAID:
                submission.payment_status = PaymentStatus.PAID
                submission.save(update_fields=["payment_status", "updated_at"])
                notifications.send_confirmation_email(submission)
                notifications.send_team_email(submission, self.to_address)
            request.session[f"{self.draft_key}:last"] = submission.pk
            return redirect(self.sub_url("confirmation"))
        return self.render_page(
            request,
            "cms_pages/task_form_page_payment_failed.html",
            {"submission": submission, "payment": payment, "retry_url": self.sub_url("payment_retry", token)},
        )

    @path("payment/retry/<str:token>/", name="payment_retry")
    def payment_retry(self, request, token):
        from casework.models import Payment, PaymentStatus

        payment = get_object_or_404(Payment, token=token, submission__page=self)
        if request.method != "POST" or payment.submission.payment_status == PaymentStatus.PAID:
            return redirect(self.sub_url("payment_return", token))
        return self.start_payment(request, payment.submission)

    # --- confirmation ------------------------------------------------------------------------

    @path("confirmation/", name="confirmation")
    def confirmation(self, request):
        from casework.models import Submission

        submission = Submission.objects.filter(pk=request.session.get(f"{self.draft_key}:last"), page=self).first()
        if submission is None:
            return redirect(self.url)
        return self.render_page(request, self.get_landing_page_template(request), {"submission": submission})
