"""A "Customer testing" panel in the page editor of governed pages: latest results and review date.

The page models belong to the content team (cms_pages), so the panel is added from this app's
ready() rather than written into their content_panels; it reads only, and adds no form fields.
"""
from django import forms
from django.urls import reverse
from wagtail.admin.panels import Panel

from .models import GovernanceSettings, focus_group_result, plain_english_report
from .retesting import page_status
from .workflow import governed_page_models


class CustomerTestingPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Customer testing")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return "customer_testing"

    class BoundPanel(Panel.BoundPanel):
        template_name = "governance/customer_testing_panel.html"

        @property
        def media(self):
            return forms.Media(js=["governance/js/draft-check.js"])

        def draft_check_url(self):
            page = self.instance
            if page.pk:
                return reverse("governance:draft_check", args=[page.pk])
            parent = getattr(self.form, "parent_page", None)
            if parent is None:
                return ""
            opts = type(page)._meta
            return reverse("governance:draft_check_on_create", args=[opts.app_label, opts.model_name, parent.pk])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["draft_check_url"] = self.draft_check_url() if page else ""
            if not page or not page.pk:
                context["new_page"] = True
                return context
            settings = GovernanceSettings.load()
            context.update(
                plain_english=plain_english_report(page),
                focus_group=focus_group_result(page),
                status=page_status(page, settings),
                url=reverse("governance:page", args=[page.pk]),
            )
            return context


def add_to_governed_pages():
    for model in governed_page_models():
        if not any(isinstance(panel, CustomerTestingPanel) for panel in model.content_panels):
            model.content_panels = [*model.content_panels, CustomerTestingPanel()]
