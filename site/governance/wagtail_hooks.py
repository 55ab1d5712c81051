from django.urls import include, path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button, ListingButton

from . import views
from .models import user_can_edit
from .workflow import governed_page_models

app_name = "governance"
urlpatterns = [
    path("pages/<int:page_id>/", views.page_governance, name="page"),
    path("reports/needs-retesting/", views.NeedsRetestingReportView.as_view(), name="needs_retesting"),
    path(
        "reports/needs-retesting/results/",
        views.NeedsRetestingReportView.as_view(results_only=True),
        name="needs_retesting_results",
    ),
]


@hooks.register("register_admin_urls")
def register_governance_urls():
    return [path("governance/", include((urlpatterns, "governance"), namespace="governance"))]


@hooks.register("register_admin_viewset")
def register_customer_testing_viewsets():
    return views.CustomerTestingGroup()


class NeedsRetestingMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_needs_retesting_menu_item():
    return NeedsRetestingMenuItem(
        "Pages that need re-testing", reverse("governance:needs_retesting"), icon_name="warning", order=720
    )


class NeedsRetestingPanel(Component):
    """Dashboard panel: how many pages are past their review date or changed since they were tested."""

    name = "needs_retesting"
    order = 110
    template_name = "governance/homepage_panel.html"

    @cached_property
    def statuses(self):
        from .retesting import pages_needing_retesting

        return pages_needing_retesting()

    def get_context_data(self, parent_context):
        return {
            "statuses": self.statuses[:5],
            "count": len(self.statuses),
            "url": reverse("governance:needs_retesting"),
        }


@hooks.register("construct_homepage_panels")
def add_needs_retesting_panel(request, panels):
    if views.can_view_reports(request.user):
        panels.append(NeedsRetestingPanel())


def customer_testing_button(page, user, cls, priority):
    model = page.specific_class
    if model and issubclass(model, governed_page_models()) and user_can_edit(page, user):
        yield cls(
            "Customer testing",
            reverse("governance:page", args=[page.pk]),
            icon_name="group",
            priority=priority,
            attrs={"title": "Plain-English check, focus-group results and review date"},
        )


@hooks.register("register_page_header_buttons")
def page_header_customer_testing(page, user, view_name, next_url=None):
    yield from customer_testing_button(page, user, Button, 66)


@hooks.register("register_page_listing_more_buttons")
def page_listing_customer_testing(page, user, next_url=None):
    yield from customer_testing_button(page, user, ListingButton, 55)
