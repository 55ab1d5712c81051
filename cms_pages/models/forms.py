"""Online forms that report/apply/pay/book tasks end in, built by editors with Wagtail's form builder.

The page holds the questions, the editor's settings and the routes; the work of taking a request in
(the form builder, the pages of questions, answers kept in the session, sending and payment) is in
casework.intake.

URLs under <task>/start/: "" (first question), step/<n>/, check/, payment/return/<token>/,
payment/retry/<token>/, confirmation/.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from casework.intake import drafts, flow, payment, steps
from casework.intake.pricing import PriceRole
from casework.intake.questions import VALIDATION_FIELD_TYPES, TaskFormBuilder, Validation, with_photo
from casework.intake.submit import DEFAULT_SERVICE_STANDARD
from casework.models import PaymentStatus, Submission
from casework.prices import PriceTable

from .prices import PricedFormPageForm


class FeedbackRole(models.TextChoices):
    """What a question of a feedback form (comments, compliments and complaints) tells the editors'
    Resident feedback dashboard. Set per question, never guessed from its label."""

    NONE = "", "Nothing"
    CATEGORY = "category", "Whether it is a complaint, a compliment or a comment"
    SERVICE = "service", "Which service it is about (answers named like the service areas)"
    TEXT = "text", "What the resident tells us"


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

    panels = AbstractFormField.panels + [
        FieldPanel("validation"),
        FieldPanel("price_role"),
        FieldPanel("feedback_role"),
    ]

    def clean(self):
        super().clean()
        fits = VALIDATION_FIELD_TYPES.get(self.validation)
        if fits and self.field_type not in fits:
            label = Validation(self.validation).label
            raise ValidationError({"validation": f"‘{label}’ does not fit this kind of question"})


FORM_SUFFIX = " — online form"  # how admin lists tell a task's form page from the task


class TaskFormPage(RoutablePageMixin, AbstractEmailForm):
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
    photo_upload = models.BooleanField(
        "Ask for a photo",
        default=False,
        help_text="Add an optional photo question (JPEG, PNG, HEIC or PDF). Only staff can see the files.",
    )

    content_panels = AbstractEmailForm.content_panels + [
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

    def get_form_class(self):
        form_class = self.form_builder(self.get_form_fields(), prices=self.price_table()).get_form_class()
        return with_photo(form_class) if self.photo_upload else form_class

    def get_steps(self, form_class=None):
        return steps.plan_steps(self.get_form_fields(), form_class or self.get_form_class())

    def make_form(self, request, form_class, names=None, **kwargs):
        """The form, with only the questions `names` when given (one page of a long form)."""
        form = form_class(page=self, user=request.user, **kwargs)
        if names is not None:
            for name in list(form.fields):
                if name not in names:
                    del form.fields[name]
        return form

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

    def fake_success(self, request):
        """A bot filled the hidden field: look successful, store nothing."""
        drafts.clear(request, self)
        return self.render_page(request, self.get_landing_page_template(request), {"submission": None})

    # --- routes ------------------------------------------------------------------------------

    @path("", name="start")
    def start(self, request):
        return flow.question_page(self, request, 1)

    @path("step/<int:number>/", name="step")
    def step(self, request, number):
        if number == 1:
            return redirect(self.step_url(1))
        return flow.question_page(self, request, number)

    @path("check/", name="check")
    def check_answers(self, request):
        return flow.check_page(self, request)

    @path("payment/return/<str:token>/", name="payment_return")
    def payment_return(self, request, token):
        return payment.returned(self, request, token)

    @path("payment/retry/<str:token>/", name="payment_retry")
    def payment_retry(self, request, token):
        return payment.retry(self, request, token)

    @path("confirmation/", name="confirmation")
    def confirmation(self, request):
        sent = request.session.get(drafts.last_sent_key(self))
        submission = Submission.objects.filter(pk=sent, page=self).first()
        if submission is None:
            return redirect(self.url)
        if submission.payment_status == PaymentStatus.PENDING:
            return payment.not_paid_yet(self, submission)
        return self.render_page(request, self.get_landing_page_template(request), {"submission": submission})
