from datetime import timedelta

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from sitewide.scheduled import Job

from . import reports
from .models import UPHELD, Complaint
from .stages import move_to, send_overdue_reminders


class ComplaintForm(WagtailAdminModelForm):
    answered = forms.BooleanField(
        label="This stage is answered", required=False,
        help_text="Tick when the resident has had our answer to this stage: it counts for answered on time.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered"].initial = bool(self.instance.answered_at)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") in UPHELD and not (cleaned.get("lesson") or "").strip():
            self.add_error("lesson", "Say what we learned: an upheld complaint teaches the page's editors.")
        return cleaned


class ComplaintEditView(EditView):
    """A new stage starts its own deadline; ticking "answered" records when."""

    def save_instance(self):
        complaint, data = self.form.instance, self.form.cleaned_data
        stage_changed = "stage" in self.form.changed_data
        complaint = super().save_instance()
        if stage_changed:
            move_to(complaint, complaint.stage)
        elif data.get("answered") and not complaint.answered_at:
            complaint.answered_at = timezone.now()
            complaint.save(update_fields=["answered_at"])
        elif not data.get("answered") and complaint.answered_at:
            complaint.answered_at = None
            complaint.save(update_fields=["answered_at"])
        return complaint


class ComplaintViewSet(ModelViewSet):
    model = Complaint
    edit_view_class = ComplaintEditView
    icon = "warning"
    menu_label = "Complaints"
    menu_order = 252
    add_to_admin_menu = True
    name = "complaints"
    list_display = ["__str__", "service_area", "owner", "due_by", "outcome"]
    list_filter = ["stage", "outcome"]
    edit_handler = ObjectList([
        FieldPanel("stage"), FieldPanel("owner"), FieldPanel("answered"), FieldPanel("outcome"),
        FieldPanel("lesson"), PageChooserPanel("concerns"),
    ], base_form_class=ComplaintForm)
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_complaint_viewset():
    return ComplaintViewSet()


@hooks.register("register_admin_urls")
def register_complaint_report_url():
    return [path("complaints-report/", reports.by_service, name="complaints_report")]


class SeesComplaints(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("complaints.view_complaint")


@hooks.register("register_reports_menu_item")
def register_complaints_report_menu_item():
    return SeesComplaints("Complaints by service", reverse("complaints_report"), icon_name="warning", order=700)


@hooks.register("register_scheduled_job")
def complaint_scheduled_jobs():
    return [Job("overdue complaints to their owners", timedelta(days=1), send_overdue_reminders)]
