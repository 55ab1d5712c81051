"""Online forms that report/apply/pay/book tasks end in, built by editors with Wagtail's form builder."""
from django.conf import settings
from django.db import models
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField

HONEYPOT_FIELD = "website"


class TaskFormField(AbstractFormField):
    page = ParentalKey("TaskFormPage", on_delete=models.CASCADE, related_name="form_fields")


class TaskFormPage(AbstractEmailForm):
    intro = models.TextField(blank=True, help_text="What the form asks for and what residents need to hand.")
    thank_you_text = models.TextField(blank=True, help_text="What happens next, shown after they submit.")

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Questions"),
        FieldPanel("thank_you_text"),
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

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if request.POST.get(HONEYPOT_FIELD):
                # A bot filled the hidden field: look successful, store nothing.
                return render(request, self.get_landing_page_template(request), self.get_context(request))
            if is_ratelimited(request, group="forms", key="ip", rate=settings.FORM_RATE_LIMIT, increment=True):
                context = self.get_context(request)
                context["form"] = self.get_form(request.POST, request.FILES, page=self, user=request.user)
                context["rate_limited"] = True
                return render(request, self.get_template(request), context, status=429)
        return super().serve(request, *args, **kwargs)
