from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from sitewide.council_staff import page_filter
from sitewide.scheduled import Job, command_job

from . import draft_check, views
from .accessibility import ContentAccessibilityItem
from .emergency import can_publish_in_emergency
from .models import PublicationRecord, user_can_edit
from .publishing import LOG_ACTION, REFUSAL, describe_gates
from .retesting import governed_page_statuses, tested_share_by_area
from .review_reminders import send_review_reminders
from .review_words import reword_submitted_message
from .workflow import is_governed

app_name = "governance"
urlpatterns = [
    path("pages/<int:page_id>/", views.page_governance, name="page"),
    path("pages/<int:page_id>/emergency-publish/", views.emergency_publish, name="emergency_publish"),
    path("pages/<int:page_id>/draft-check/", draft_check.DraftCheckOnEditView.as_view(), name="draft_check"),
    path(
        "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/draft-check/",
        draft_check.DraftCheckOnCreateView.as_view(),
        name="draft_check_on_create",
    ),
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


@hooks.register("register_scheduled_job")
def governance_scheduled_jobs():
    # Go-live and expiry dates: the workflow's final approval schedules a revision (publishing.py), and this
    # publishes it at its time, in every topology, with the gate record written at the approval.
    return [
        command_job("publish and expire scheduled pages", timedelta(minutes=1), "publish_scheduled"),
        Job("review date reminders", timedelta(days=1), send_review_reminders, "emails to pages' owners"),
    ]


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
    """Dashboard panel: the share of live governed pages that passed customer testing, by service area,
    and the pages that need (re-)testing."""

    name = "needs_retesting"
    order = 110
    template_name = "governance/homepage_panel.html"

    def __init__(self, user):
        self.user = user

    @cached_property
    def statuses(self):
        return governed_page_statuses(scope=page_filter(self.user))  # the user's own councils' pages

    def get_context_data(self, parent_context):
        needing = [status for status in self.statuses if status.reasons]
        tested = sum(status.customer_tested for status in self.statuses)
        return {
            "statuses": needing[:5],
            "count": len(needing),
            "tested": tested,
            "total": len(self.statuses),
            "percent": round(100 * tested / len(self.statuses)) if self.statuses else 0,
            "shares": tested_share_by_area(self.statuses),
            "url": reverse("governance:needs_retesting"),
        }


@hooks.register("construct_homepage_panels")
def add_needs_retesting_panel(request, panels):
    if views.can_view_reports(request.user):
        panels.append(NeedsRetestingPanel(request.user))


def customer_testing_button(page, user, cls, priority):
    if is_governed(page) and user_can_edit(page, user):
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


@hooks.register("register_page_listing_buttons")
def page_listing_untested_mark(page, user, next_url=None):
    """"Published without customer testing" beside an emergency-published page in the page listing."""
    if not (page.live and is_governed(page)):
        return
    live = PublicationRecord.objects.filter(page_id=page.pk, revision_id=page.live_revision_id)
    if live.filter(route=PublicationRecord.Route.EMERGENCY).exists() and not live.filter(
        route=PublicationRecord.Route.WORKFLOW
    ).exists():
        yield ListingButton(
            "Published without customer testing",
            reverse("governance:page", args=[page.pk]),
            icon_name="warning",
            priority=5,
            classname="button-secondary wm-untested",
            attrs={"title": "Published in an emergency: it needs customer testing"},
        )


# Direct publishing: refused for governed pages, with a message that says how to submit.


class EmergencyPublishMenuItem(ActionMenuItem):
    name = "action-emergency-publish"
    label = "Publish in an emergency…"
    icon_name = "warning"
    order = 150


@hooks.register("construct_page_action_menu")
def emergency_publish_menu_item(menu_items, request, context):
    page = context.get("page")
    if page is None or not page.pk or context.get("view") != "edit" or not is_governed(page):
        return
    if can_publish_in_emergency(page, request.user) and not context.get("locked_for_user"):
        menu_items.append(EmergencyPublishMenuItem())


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    """A new governed page can be saved or submitted, not published: keep what was typed as a draft."""
    if request.method == "POST" and request.POST.get("action-publish") and is_governed(page_class):
        data = request.POST.copy()
        data.pop("action-publish")
        request.POST = data
        request.governance_publish_refused = True


@hooks.register("after_create_page")
def explain_refused_publish_on_create(request, page):
    reword_submitted_message(request, page)
    if getattr(request, "governance_publish_refused", False):
        messages.error(request, REFUSAL)


@hooks.register("after_edit_page")
def explain_refused_publish_or_go_to_emergency(request, page):
    """Publish on a governed page falls back to saving a draft (Wagtail's rule when it is not allowed)."""
    if request.method == "POST":
        reword_submitted_message(request, page)
    if request.method != "POST" or not is_governed(page):
        return None
    if request.POST.get("action-emergency-publish") and can_publish_in_emergency(page, request.user):
        return redirect("governance:emergency_publish", page.pk)
    if request.POST.get("action-publish"):
        messages.error(request, REFUSAL)
    return None


@hooks.register("before_bulk_action")
def explain_refused_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
    refused = [page for page in Page.objects.filter(pk__in=ids).specific(defer=True) if is_governed(page)]
    if refused:
        titles = ", ".join(f"“{page.title}”" for page in refused[:5]) + ("…" if len(refused) > 5 else "")
        messages.error(request, f"Not published: {titles}. {REFUSAL}")
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies(request, page):
    """A copy of a governed page is a new page: it goes live only through the workflow too."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    pages = Page.objects.filter(pk=page.pk)
    if request.POST.get("copy_subpages"):
        pages = page.get_descendants(inclusive=True)
    if any(is_governed(p) for p in pages.specific(defer=True)):
        data = request.POST.copy()
        data.pop("publish_copies")
        request.POST = data
        messages.error(
            request,
            "The copy was not published: task, guide and step-by-step pages go live only after customer "
            'testing. It is saved as a draft: open it and choose "Submit to Customer-tested publishing".',
        )
    return None


@hooks.register("register_log_actions")
def register_publish_gates_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class PublishGates(LogFormatter):
        label = "Publish gates"

        def format_message(self, log_entry):
            return describe_gates(log_entry.data)


# Checks where editors write.


@hooks.register("construct_wagtail_userbar")
def content_accessibility_rules(request, items, page=None):
    """Wagtail's accessibility checker (userbar and the editor's Checks panel) with the council's rules."""
    for index, item in enumerate(items):
        if type(item) in (AccessibilityItem, ContentCheckerItem):
            items[index] = ContentAccessibilityItem(in_editor=item.in_editor)


@hooks.register("insert_global_admin_css")
def governance_admin_css():
    return format_html(
        "<style>{}</style>",
        ".wm-untested{color:#b3261e!important;border-color:#b3261e!important}"
        ".wm-pe-avoid{background:#ffdd00;color:#0b0c0c}.wm-pe-passive{background:#b3e6ff;color:#0b0c0c}"
        ".wm-check-failed{color:#b3261e;font-weight:bold}.wm-check-passed{color:#00703c;font-weight:bold}"
        ".wm-pe-long{border-left:4px solid #b3261e;padding-left:.5em;display:block}"
        ".wm-pe-label{font-size:.85em;margin:1em 0 .25em}",
    )
