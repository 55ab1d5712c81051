"""Online forms that report/apply/pay/book tasks end in, built by editors with Wagtail's form builder.

The page holds the questions, the editor's settings and the routes, which alone speak HTTP (sessions, redirects,
rendering, rate limits, payment redirects). It writes its form once per request as plain values
(`form_definition()`); the work of taking a request in (the form builder, the steps, the answers, sending and
payment) is in casework.intake, which calls nothing on the page.

URLs under <task>/start/: "" (first question), step/<n>/, check/, payment/return/<token>/,
payment/retry/<token>/, confirmation/.
"""
from campaigns.links import campaign_of
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from subscriptions.panels import TellSubscribersPanel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from accounts.prefill import contact_for, known_about
from casework.intake import drafts, payment, prefill
from casework.intake.definition import (
    DEFAULT_SERVICE_STANDARD,
    DEFAULT_WORKING_DAYS,
    FormDefinition,
    Question,
    QuestionRole,
    working_days_said,
)
from casework.intake.definition import ServiceToTell as ServiceToTellValues
from casework.intake.pricing import PriceRole
from casework.intake.questions import CHOICE_TYPES, PHOTO_FIELD, VALIDATION_FIELD_TYPES, TaskFormBuilder, Validation
from casework.intake.submit import submit
from casework.models import Channel, Payment, PaymentStatus, Submission
from casework.prices import PriceTable, pounds
from complaints.reports import LessonsPanel
from feedback.roles import FeedbackRole
from kit.honeypot import is_spam
from places.lookups import example_postcode
from sitewide.councils import site_for_page
from sitewide.rate_limits import is_limited
from sitewide.view_restrictions import KeptViewRestrictionsMixin

from .base import CouncilSiteMixin
from .prices import PricedFormPageForm


class TaskFormField(AbstractFormField):
    page = ParentalKey("TaskFormPage", on_delete=models.CASCADE, related_name="form_fields")
    validation = models.CharField(
        max_length=20,
        choices=Validation.choices,
        default=Validation.NONE,
        help_text="Extra checks on the answer: a UK postcode, phone number or bank details (single line answers), "
        "whether a date "
        "may be in the future (dates), or the amount a pay task takes (numbers).",
    )

    feedback_role = models.CharField(
        "Resident feedback dashboard",
        max_length=10,
        choices=FeedbackRole.choices,
        default=FeedbackRole.NONE,
        blank=True,
        help_text="For a comments, compliments and complaints form: what this answer tells the dashboard. "
        "Answers to the other questions (names, emails) never reach it.",
    )

    price_role = models.CharField(
        "Prices",
        max_length=10,
        choices=PriceRole.choices,
        default=PriceRole.NONE,
        blank=True,
        help_text="With a price table on this form: whether this question's answers are its options (leave the "
        "answers empty), how many, or the concession question.",
    )

    role = models.CharField(
        "What it asks for",
        max_length=12,
        choices=QuestionRole.choices,
        default=QuestionRole.NONE,
        blank=True,
        help_text="What this question asks for, so staff-filled forms and My Account can fill it in.",
    )

    panels = AbstractFormField.panels + [
        FieldPanel("validation"),
        FieldPanel("role"),
        FieldPanel("price_role"),
        FieldPanel("feedback_role"),
    ]

    def clean(self):
        super().clean()
        fits = VALIDATION_FIELD_TYPES.get(self.validation)
        if fits and self.field_type not in fits:
            label = Validation(self.validation).label
            raise ValidationError({"validation": f"‘{label}’ does not fit this kind of question"})
        if self.role == QuestionRole.KIND and self.field_type not in CHOICE_TYPES:
            raise ValidationError({"role": "Only a question with choices can say which one it is about"})

    def as_question(self):
        """The question as plain values (casework.intake.definition.Question)."""
        choices = [value for value, _ in FormBuilder([]).get_formatted_field_choices(self)]  # Wagtail's split
        return Question(
            name=self.clean_name or self.get_field_clean_name(),
            label=self.label,
            field_type=self.field_type,
            required=self.required,
            choices=tuple(choices) if self.field_type in CHOICE_TYPES else (),
            help_text=self.help_text,
            default_value=self.default_value,
            validation=self.validation,
            price_role=self.price_role,
            feedback_role=self.feedback_role,
            role=self.role,
        )


class ServiceToTell(Orderable):
    """Tell us once: a service this form passes the request on to, when the resident ticks it. Its part becomes a
    request of that service's own online form, so that service's team (and only it) deals with it, under its own
    reference, status and service standard (casework.intake.parts)."""

    page = ParentalKey("TaskFormPage", on_delete=models.CASCADE, related_name="services_to_tell")
    label = models.CharField(
        "Tick box", max_length=150, help_text="What we will do, as the resident reads it: Bins: order bins for your "
        "new home.",
    )
    service_form = models.ForeignKey(
        "cms_pages.TaskFormPage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Service's online form",
        help_text="The part goes to this form's requests: its team, its service standard and its team's email.",
    )
    task_title = models.CharField(
        "Request title", max_length=150, help_text="How the team and the resident see the part: Moving home: bins.",
    )
    only_when = models.TextField(
        "Only when an answer is",
        blank=True,
        help_text="Offer it only when one of the resident's answers is one of these, one on each line, exactly as "
        "the choice is written (Moving within Westmere). Leave it empty to offer it always.",
    )

    service_standard = models.CharField(
        max_length=255,
        blank=True,
        help_text="Our promise for this part, when it is not the service form's: We will send your new bill within "
        "10 working days.",
    )
    working_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(260)],
        help_text="That promise as a number of working days (with a promise of its own).",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("task_title"),
        FieldPanel("service_form"),
        FieldPanel("only_when"),
        FieldRowPanel([FieldPanel("service_standard"), FieldPanel("working_days")]),
    ]

    def clean(self):
        super().clean()
        said = working_days_said(self.service_standard)
        if said and self.working_days not in said:
            numbers = " or ".join(str(days) for days in said)
            raise ValidationError({"working_days": f"The promise says {numbers} working days: give that number here."})

    def as_service(self):
        form = self.service_form.specific
        own = bool(self.service_standard)
        return ServiceToTellValues(
            label=self.label,
            form_id=form.pk,
            task_title=self.task_title,
            only_when=tuple(line.strip() for line in self.only_when.splitlines() if line.strip()),
            service_standard=self.service_standard if own else form.service_standard or DEFAULT_SERVICE_STANDARD,
            working_days=self.working_days if own else form.working_days,
            team_address=form.to_address,
        )


CHECK_TEMPLATE = "cms_pages/task_form_page_check.html"
FORM_SUFFIX = " — online form"  # how admin lists tell a task's form page from the task


class TaskFormPage(KeptViewRestrictionsMixin, CouncilSiteMixin, RoutablePageMixin, AbstractEmailForm):
    form_builder = TaskFormBuilder
    base_form_class = PricedFormPageForm

    intro = models.TextField(blank=True, help_text="What the form asks for and what residents need to hand.")
    thank_you_text = models.TextField(
        blank=True,
        help_text="Anything else residents should know or do next, shown after the service standard on the "
        "confirmation page and in the email. No timescale here: the service standard gives it, once.",
    )
    service_standard = models.CharField(
        max_length=255,
        default=DEFAULT_SERVICE_STANDARD,
        help_text="Our promise: what happens next and when, shown on the confirmation page, in the email and when "
        "tracking, for example: We will reply within 5 working days. Use the timescale the service page gives.",
    )
    working_days = models.PositiveSmallIntegerField(
        "Working days",
        null=True,
        blank=True,
        default=DEFAULT_WORKING_DAYS,
        validators=[MaxValueValidator(260)],
        help_text="The service standard as a number: how many working days the promise gives. Reports of "
        "requests dealt with on time count from it. Leave it empty when the promise has no timescale in working days.",
    )
    concession_wording = models.CharField(
        "Who gets the concession",
        max_length=100,
        blank=True,
        help_text="As the page says it after a concession price, for example: if you get Council Tax Support.",
    )
    concession_answer = models.CharField(
        "Answer that gives the concession",
        max_length=100,
        blank=True,
        help_text="The answer to the concession question that gives the concession prices, for example: Yes.",
    )
    price_note = models.CharField(
        "After the prices",
        max_length=255,
        blank=True,
        help_text="Shown after the prices under Cost on the service page, without prices, "
        "for example: Prices include delivery.",
    )
    signposts = RichTextField(
        "What residents do themselves",
        blank=True,
        features=["bold", "link", "ul"],
        help_text="With services to tell: what we cannot do for them (register with a doctor), shown under the "
        "choices and on the confirmation page.",
    )
    photo_upload = models.BooleanField(
        "Ask for a photo",
        default=False,
        help_text="Add an optional photo question (JPEG, PNG, HEIC or PDF). Only staff can see the files.",
    )

    content_panels = AbstractEmailForm.content_panels + [
        LessonsPanel(heading="What complaints about this form taught us"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Questions"),
        MultiFieldPanel(
            [
                HelpPanel(
                    "<p>For a service with set prices. The service page's Cost, the answers of the questions marked "
                    "in Prices, and what residents pay all come from this table, so type each price only here.</p>"
                ),
                InlinePanel("prices", label="Price"),
                FieldRowPanel([FieldPanel("concession_wording"), FieldPanel("concession_answer")]),
                FieldPanel("price_note"),
            ],
            heading="Price table",
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    "<p>Tell us once: for a form that several services need (moving home). The form ends by asking "
                    "which of these to do, and each ticked one becomes a request of its service's own form, with "
                    "its own reference, that only its team sees.</p>"
                ),
                InlinePanel("services_to_tell", label="Service"),
                FieldPanel("signposts"),
            ],
            heading="Services to tell",
        ),
        FieldPanel("photo_upload"),
        FieldPanel("thank_you_text"),
        FieldPanel("service_standard"),
        FieldPanel("working_days"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading="Email the team",
        ),
        TellSubscribersPanel(),
    ]
    parent_page_types = ["cms_pages.TaskPage"]
    subpage_types = []
    personal_content = True  # each step is one resident's (their answers, a CSRF token): never shared (sitewide)

    class Meta:
        verbose_name = "Online form"

    @property
    def task(self):
        return self.get_parent().specific

    def get_admin_display_title(self):
        """"Report a missed bin collection — online form" in the admin: it has its task's title, and in a list
        (search, the dashboard, reports) a task and its form must never look the same."""
        title = super().get_admin_display_title()
        return title if title.endswith(FORM_SUFFIX) else title + FORM_SUFFIX

    def get_submission_class(self):
        """Requests are casework Submissions (with reference and status), also listed under Forms in the admin."""
        return Submission

    def get_submissions_list_view_class(self):
        """Wagtail's Forms admin list, with a CSV download that writes formulas as text."""
        # Admin views import the page models, so they can only be imported once the models are loaded
        from casework.exports import SafeSubmissionsListView

        return SafeSubmissionsListView

    def price_table(self):
        """The service's prices (empty when it has none): its Cost, its priced answers and its charge."""
        return PriceTable(
            prices=tuple(row.as_price() for row in self.prices.all()),
            concession=self.concession_wording,
            concession_answer=self.concession_answer,
            note=self.price_note,
        )

    def form_definition(self):
        """This form as plain values, read once: what casework.intake needs to take a request in."""
        task = self.task
        return FormDefinition(
            form_id=self.pk,
            questions=tuple(field.as_question() for field in self.get_form_fields()),
            prices=self.price_table(),
            photo_upload=self.photo_upload,
            task_title=task.title,
            task_kind=getattr(task, "kind", ""),
            service_standard=self.service_standard or DEFAULT_SERVICE_STANDARD,
            working_days=self.working_days,
            thank_you_text=self.thank_you_text,
            team_address=self.to_address,
            services=tuple(row.as_service() for row in self.services_to_tell.select_related("service_form")),
            signposts=self.signposts,
            postcode_example=self.postcode_example(),
        )

    def postcode_example(self):
        """One of the form's council's own postcodes for its messages; "" for the default council (kit's)."""
        site = site_for_page(self)
        return (example_postcode(site) or "") if site is not None and not site.is_default_site else ""

    def get_form_class(self):
        return self.form_definition().form_class

    def get_steps(self, form_class=None):
        return self.form_definition().steps

    # --- URLs and rendering ------------------------------------------------------------------

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

    def fake_success(self, request, draft):
        """A bot filled the hidden field: look successful, store nothing."""
        draft.clear()
        return self.render_page(request, self.get_landing_page_template(request), {"submission": None})

    # --- routes ------------------------------------------------------------------------------
    # Every POST is rate-limited per address (FORM_STEP_RATE_LIMIT for question pages, FORM_RATE_LIMIT for
    # photos and sending); a limited post is shown back as typed, with a "wait a minute" message, and not stored.

    @path("", name="start")
    def start(self, request):
        return self.question_page(request, 1)

    @path("step/<int:number>/", name="step")
    def step(self, request, number):
        if number == 1:
            return redirect(self.step_url(1))
        return self.question_page(request, number)

    def question_page(self, request, number):
        draft = drafts.Draft(request.session, self.form_definition())
        intake = draft.intake
        if not intake.has_step(number):
            raise Http404
        changing = request.GET.get("change") == "1"
        if request.method != "POST":
            if self.fill_in_for_them(request, draft, number) and number == 1 and intake.answered_for_them(1):
                return self.redirect_after(intake, 1, changing=False)
            return self.render_question(request, intake, intake.form(number, initial=intake.answers), number, changing)
        if is_spam(request.POST):
            return self.fake_success(request, draft)
        uploading = PHOTO_FIELD in intake.questions_of(number) and request.FILES.get(PHOTO_FIELD)
        if is_limited(request, "form-steps", "FORM_STEP_RATE_LIMIT") or (
            uploading and is_limited(request, "uploads", "FORM_RATE_LIMIT")
        ):
            form = intake.form(number, initial=intake.typed(number, request.POST))
            return self.render_question(request, intake, form, number, changing, rate_limited=True, status=429)
        form = intake.take(number, request.POST, request.FILES)
        draft.save()
        if not form.is_valid():
            return self.render_question(request, intake, form, number, changing)
        if uploading and form.cleaned_data.get(PHOTO_FIELD):
            intake.store_photo(form.cleaned_data[PHOTO_FIELD])
            draft.save()
        return self.redirect_after(intake, number, changing)

    def redirect_after(self, intake, number, changing):
        next_step = intake.next_step(number)
        if changing or next_step is None:
            return redirect(self.sub_url("check"))
        return redirect(self.step_url(next_step))

    def fill_in_for_them(self, request, draft, number):
        """Fill what we already know (casework.intake.prefill): on the first page, what the resident told the
        assistant before pressing Start now; on any page, once per account, a signed-in resident's details.
        Only empty answers are filled. True when something was."""
        intake, filled = draft.intake, False
        if number == 1 and drafts.DETAILS_PARAM in request.GET:
            filled |= intake.prefill_details(request.GET[drafts.DETAILS_PARAM])
        if number == 1 and drafts.SAID_PARAM in request.GET:
            filled |= bool(intake.prefill(prefill.choice_from_words(intake.definition, request.GET[drafts.SAID_PARAM])))
        campaign = campaign_of(request) if number == 1 and not draft.extra.get("campaign") else ""
        if campaign:
            draft.extra["campaign"] = campaign  # came through a campaign link on this visit
            filled = True
        known = known_about(request.user)
        if known and draft.extra.get("filled_for") != request.user.pk:
            intake.prefill(prefill.answers_from(intake.definition, known))
            draft.extra["filled_for"] = request.user.pk
            filled = True
        if filled:
            draft.save()
        return filled

    def render_question(self, request, intake, form, number, changing, rate_limited=False, status=200):
        if changing:
            back_url = self.sub_url("check")
        else:
            back_url = self.step_url(number - 1) if number > 1 else self.task.url
        context = {
            "form": form,
            "step_number": number,
            "step_count": len(intake.steps),
            "back_url": back_url,
            "form_action": self.step_url(number) + ("?change=1" if changing else ""),
            "photo": intake.photo if PHOTO_FIELD in form.fields else None,
            "rate_limited": rate_limited,
        }
        return self.render_page(request, self.get_template(request), context, status=status)

    @path("check/", name="check")
    def check_answers(self, request):
        draft = drafts.Draft(request.session, self.form_definition())
        intake = draft.intake
        if not intake.is_complete:
            return redirect(self.step_url(intake.current_step))
        posted = request.method == "POST"
        if posted and is_spam(request.POST):
            return self.fake_success(request, draft)
        rate_limited = posted and is_limited(request, "forms", "FORM_RATE_LIMIT")
        if posted and not rate_limited:
            user = request.user if request.user.is_authenticated else None
            contact_by, account_phone = contact_for(user)
            submission = submit(
                intake, submitted_by=user, channel=Channel.ONLINE, contact_by=contact_by, account_phone=account_phone,
                campaign=draft.extra.get("campaign", ""),
            )
            draft.sent(submission)
            return self.after_sending(submission)
        context = {
            "rows": [{**row, "change_url": self.step_url(row["step"]) + "?change=1"} for row in intake.answer_rows()],
            "back_url": self.step_url(len(intake.steps)),
            "check_url": self.sub_url("check"),
            "amount": pounds(intake.amount_due) if intake.amount_due else "",
            "rate_limited": rate_limited,
        }
        status = 429 if rate_limited else 200
        return render(request, CHECK_TEMPLATE, {**self.get_context(request), **context}, status=status)

    def after_sending(self, submission):
        """The request is saved: the confirmation page shows it, once it is paid for if it has to be."""
        if submission.payment_status == PaymentStatus.PENDING:
            return self.start_payment(submission)
        return redirect(self.sub_url("confirmation"))

    def start_payment(self, submission):
        return redirect(payment.start(submission, lambda reference: self.sub_url("payment_return", reference)))

    @path("payment/return/<str:token>/", name="payment_return")
    def payment_return(self, request, token):
        """The resident is back from the provider: paid -> the confirmation (the emails go once); not paid -> try
        again."""
        taken = get_object_or_404(Payment, token=token, submission__page=self)
        if payment.confirm(taken, self.form_definition()):
            drafts.show_on_confirmation(request.session, taken.submission)
            return redirect(self.sub_url("confirmation"))
        return self.render_page(
            request,
            "cms_pages/task_form_page_payment_failed.html",
            {
                "submission": taken.submission,
                "payment": taken,
                "amount": pounds(taken.amount_pence),
                "retry_url": self.sub_url("payment_retry", token),
            },
        )

    @path("payment/retry/<str:token>/", name="payment_retry")
    def payment_retry(self, request, token):
        taken = get_object_or_404(Payment, token=token, submission__page=self)
        if request.method != "POST" or taken.submission.payment_status == PaymentStatus.PAID:
            return redirect(self.sub_url("payment_return", token))
        return self.start_payment(taken.submission)

    @path("confirmation/", name="confirmation")
    def confirmation(self, request):
        sent = drafts.shown_on_confirmation(request.session, self.pk)
        submission = Submission.objects.filter(pk=sent, page=self).first()
        if submission is None:
            return redirect(self.url)
        if submission.payment_status == PaymentStatus.PENDING:
            return self.not_paid_yet(submission)
        return self.render_page(request, self.get_landing_page_template(request), {"submission": submission})

    def not_paid_yet(self, submission):
        """The confirmation page asked for before paying: ask the provider how the last payment went (paid -> the
        confirmation; not -> "Your payment was not taken" and a way to pay). Never "Request sent" unpaid."""
        latest = submission.payments.order_by("-created_at", "-pk").first()
        if latest is None:
            return self.start_payment(submission)
        return redirect(self.sub_url("payment_return", latest.token))
