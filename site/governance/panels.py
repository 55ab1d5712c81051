"""A "Customer testing" panel in the page editor of governed pages: latest results and review date.

The page models belong to the content team (cms_pages), so the panel is added from this app's
ready() rather than written into their content_panels; it reads only, and adds no form fields.
"""
from django.urls import reverse
from wagtail.admin.panels import Panel


class CustomerTestingPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Customer testing")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return "customer_testing"

    class BoundPanel(Panel.BoundPanel):
        template_name = "governance/customer_testing_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            if not page or not page.pk:
                context["new_page"] = True
                return context
            from .focus_group import evaluate_page
            from .models import GovernanceSettings
            from .plain_english import check_page
            from .retesting import page_status

            settings = GovernanceSettings.load()
            context.update(
                plain_english=check_page(page),
                focus_group=evaluate_page(page),
                status=page_status(page, settings),
                url=reverse("governance:page", args=[page.pk]),
            )
            return context


def add_to_governed_pages():
    from .workflow import governed_page_models

    for model in governed_page_models():
        if not any(isinstance(panel, CustomerTestingPanel) for panel in model.content_panels):
            model.content_panels = [*model.content_panels, CustomerTestingPanel()]
