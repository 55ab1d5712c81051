"""Admin views: a page's customer-testing summary, the needs re-testing report, focus-group sessions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.models import Page

from sitewide.council_staff import page_filter

from .council_scope import OwnCouncilsObject, scoped_views
from .emergency import EmergencyPublishForm, can_publish_in_emergency, publish_in_emergency
from .focus_group import current_sessions, evaluate
from .models import (
    AreaTestingThresholds,
    FocusGroupSession,
    GovernanceSettings,
    PageReview,
    PublicationRecord,
    ServiceAreaOwner,
    WordToAvoid,
    focus_group_thresholds_for,
    plain_english_report,
    user_can_edit,
)
from .retesting import page_status, pages_needing_retesting
from .workflow import is_governed

REPORT_PERMISSION = "governance.view_governance_reports"


def can_view_reports(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


class ReviewDateForm(forms.Form):
    review_date = forms.DateField(
        label="Review date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Check and test the page again by this date.",
    )


def page_governance(request, page_id):
    """The page's latest plain-English check (highlighted), focus-group results and review date."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not user_can_edit(page, request.user):
        raise PermissionDenied
    settings = GovernanceSettings.load()
    review = PageReview.objects.filter(page=page).first()
    if request.method == "POST":
        form = ReviewDateForm(request.POST)
        if form.is_valid():
            PageReview.objects.update_or_create(page=page, defaults={"review_date": form.cleaned_data["review_date"]})
            messages.success(request, f"Review date for '{page.title}' saved.")
            return redirect("governance:page", page.pk)
    latest = page.get_latest_revision_as_object()
    status = page_status(page, settings, review=review)
    form = form if request.method == "POST" else ReviewDateForm(initial={"review_date": status.review_date})
    thresholds = focus_group_thresholds_for(latest, settings)
    sessions = current_sessions(latest, thresholds.material_change_percent)
    return TemplateResponse(
        request,
        "governance/page_governance.html",
        {
            "page": page,
            "plain_english": plain_english_report(latest),
            "focus_group": evaluate(sessions, thresholds),
            "all_sessions": page.focus_group_sessions.prefetch_related("task_results"),
            "status": status,
            "form": form,
            "governed": is_governed(page),
            "publications": PublicationRecord.objects.filter(page=page, published_at__isnull=False)
            .select_related("user")[:5],
            "scheduled": scheduled_publication(page),
            "can_publish_in_emergency": is_governed(page) and can_publish_in_emergency(page, request.user),
            "thresholds": thresholds,
            "add_session_url": reverse("focus_group_sessions:add") + f"?page={page.pk}",
        },
    )


def scheduled_publication(page):
    """The approved revision waiting for its go-live date, with the gates it passed (None when nothing waits)."""
    revision = page.revisions.filter(approved_go_live_at__isnull=False).order_by("-created_at", "-pk").first()
    if revision is None:
        return None
    record = PublicationRecord.objects.filter(page=page, revision=revision, published_at__isnull=True).first()
    return {"revision": revision, "go_live_at": revision.approved_go_live_at, "record": record}


def emergency_publish(request, page_id):
    """Publish a governed page's latest draft now, without customer testing: with a reason, traced."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_governed(page) or not can_publish_in_emergency(page, request.user):
        raise PermissionDenied
    revision = page.get_latest_revision()
    if revision is None:
        messages.error(request, "Save a draft of the page first.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    draft = revision.as_object()
    report = plain_english_report(draft)
    form = EmergencyPublishForm(request.POST or None, report=report)
    problems = []
    try:
        draft.full_clean()
    except ValidationError as error:
        problems = [f"{field}: {' '.join(messages_)}" for field, messages_ in error.message_dict.items()]
    if request.method == "POST" and request.POST.get("revision") != str(revision.pk):
        form.add_error(None, "Someone saved a newer version since you opened this page: check it below.")
    elif request.method == "POST" and not problems and form.is_valid():
        publish_in_emergency(
            page,
            revision,
            request.user,
            form.cleaned_data["reason"],
            override_plain_english=form.cleaned_data.get("override_plain_english", False),
        )
        messages.warning(
            request,
            f"“{page.title}” is live, published without customer testing. The service owners have been emailed, "
            "and it is listed in Pages that need re-testing until a later version passes Customer-tested publishing.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request,
        "governance/emergency_publish.html",
        {
            "page": page,
            "revision": revision,
            "report": report,
            "form": form,
            "problems": problems,
            "testing_url": reverse("governance:page", args=[page.pk]),
        },
    )


class NeedsRetestingReportView(ReportView):
    page_title = "Pages that need re-testing"
    header_icon = "warning"
    index_url_name = "governance:needs_retesting"
    index_results_url_name = "governance:needs_retesting_results"
    paginate_by = 50
    columns = [
        TitleColumn("title", label="Page", get_url=lambda status: reverse("governance:page", args=[status.page.pk])),
        Column("type_name", label="Type"),
        Column("testing_status", label="Customer testing"),
        Column("review_date_text", label="Review date"),
        Column("last_tested_text", label="Last focus-group test"),
        Column("reasons_text", label="Why"),
    ]
    list_export = ["title", "page.url", "testing_status", "review_date", "last_tested", "reasons_text"]
    export_headings = {
        "title": "Page",
        "testing_status": "Customer testing",
        "page.url": "Address",
        "last_tested": "Last focus-group test",
        "reasons_text": "Why",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return pages_needing_retesting(scope=page_filter(self.request.user))  # the user's own councils' pages


class SessionForm:
    """Pre-fill the page from ?page=, and remember who recorded the session."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("page", "").isdigit():
            initial["page"] = int(self.request.GET["page"])
        return initial

    def save_instance(self):
        if not self.form.instance.recorded_by_id:
            self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class SessionCreateView(SessionForm, CreateView):
    pass


class SessionEditView(OwnCouncilsObject, SessionForm, EditView):
    pass


class FocusGroupSessionViewSet(ModelViewSet):
    model = FocusGroupSession
    icon = "group"
    menu_label = "Focus-group sessions"
    name = "focus_group_sessions"
    add_view_class = SessionCreateView
    index_view_class, edit_view_class, delete_view_class = scoped_views("page__path")  # own councils' pages
    edit_view_class = SessionEditView  # scoped too, and it remembers who recorded the session
    list_display = ["page", "date", "participants", "ease_rating", "completion_percent"]
    list_filter = ["date"]
    search_fields = ["findings"]
    add_to_admin_menu = False


class WordToAvoidViewSet(ModelViewSet):
    model = WordToAvoid
    icon = "cross"
    menu_label = "Words to avoid"
    name = "words_to_avoid"
    list_display = ["phrase", "suggestion", BooleanColumn("active", label="Active")]  # a tick or a cross, not "True"
    search_fields = ["phrase", "suggestion"]
    add_to_admin_menu = False


class ServiceAreaOwnerViewSet(ModelViewSet):
    model = ServiceAreaOwner
    icon = "user"
    menu_label = "Service area owners"
    name = "service_area_owners"
    list_display = ["area", "user"]
    add_to_admin_menu = False
    index_view_class, edit_view_class, delete_view_class = scoped_views("area__path")  # own councils' areas


class AreaTestingThresholdsViewSet(ModelViewSet):
    model = AreaTestingThresholds
    icon = "resubmit"
    menu_label = "Service areas' thresholds"
    name = "area_testing_thresholds"
    list_display = ["area", *AreaTestingThresholds.OVERRIDES]
    add_to_admin_menu = False
    index_view_class, edit_view_class, delete_view_class = scoped_views("area__path")  # own councils' areas


class CustomerTestingGroup(ModelViewSetGroup):
    menu_label = "Customer testing"
    menu_icon = "group"
    menu_order = 250
    items = (FocusGroupSessionViewSet, WordToAvoidViewSet, ServiceAreaOwnerViewSet, AreaTestingThresholdsViewSet)
