"""Staff see requests in the Wagtail admin and change their status; each change emails the resident.

Every view of requests here is limited to the requests the user handles (access.requests_for), and opening one is
recorded in its history (who saw the resident's personal details, and when)."""
from datetime import timedelta

from django.http import Http404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.views.generic import EditView, HistoryView, IndexView, UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from sitewide.scheduled import command_job

from . import access, assisted
from .models import RequestArea, Submission
from .status import change_status


def when(moment):
    return f"{timezone.localtime(moment):%d %b %Y %H:%M}"


def told_once(submission):
    """Where a request told to several services (casework.intake.parts) stands: its parts, or what it is part of."""
    if submission.parent_id:
        return format_html(
            "<p>One part of {}: the resident told us once, and each service they chose got its own request.</p>",
            submission.parent.reference,
        )
    parts = format_html_join(
        "", "<li>{} {} ({})</li>", ((p.reference, p.task_title, p.status_label) for p in submission.parts_in_order)
    )
    return format_html("<p>Told to these services, each its own request:</p><ul>{}</ul>", parts) if parts else ""


class RequestDetailsPanel(Panel):
    """The resident's answers, files and history, read-only."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            submission = self.instance
            answers = ((label, answer) for label, answer in submission.answers)
            rows = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td></tr>", answers)
            uploads = submission.uploads.all()
            files = format_html_join(
                "",
                "<li><a href='{}'>{}</a> ({} bytes)</li>",
                ((reverse("casework:upload", args=[u.pk]), u.original_name, u.size) for u in uploads),
            )
            history = format_html_join(
                "",
                "<li>{}: {} {}</li>",
                ((when(c.created_at), c.status_label, c.note) for c in submission.history.all()),
            )
            chat = format_html_join("", "<li><strong>{}</strong>: {}</li>", submission.chat_transcript)
            return format_html(
                "<p><strong>{}</strong>: {} ({}). Sent {} ({}{}). Payment: {}.</p>{}<table class='listing'><tbody>{}"
                "</tbody></table><h3>Files</h3><ul>{}</ul>{}<h3>History</h3><ul>{}</ul>",
                submission.reference,
                submission.task_title,
                submission.email or "no email",
                when(submission.submit_time),
                submission.get_channel_display(),
                f", taken by {submission.taken_by.get_full_name() or submission.taken_by.get_username()}"
                if submission.taken_by
                else "",
                submission.get_payment_status_display(),
                told_once(submission),
                rows,
                files or mark_safe("<li>None</li>"),
                format_html("<h3>The chat it came from</h3><ul>{}</ul>", chat) if chat else "",
                history,
            )


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Requests only come through the forms: a resident's own, or staff filling one in for a resident (New request
    for a resident, casework.assisted), never a blank request from this list. Staff can view and change them,
    never delete them (retention anonymises them; see access.py)."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Submission, NoAddPermissionPolicy(Submission))


class InScope:
    """One request's views (edit, history, usage): a request outside the user's scope is not found."""

    def get_object(self, *args, **kwargs):
        submission = super().get_object(*args, **kwargs)
        if not access.may_see(self.request.user, submission):
            raise Http404
        return submission


class SubmissionIndexView(IndexView):
    """The list and its search: only the requests the user handles."""

    def get_base_queryset(self):
        return access.requests_for(self.request.user, super().get_base_queryset())


class SubmissionEditView(InScope, EditView):
    """Staff change only the status and the note: through change_status(), which records who and emails.
    Opening a request (its answers, files and history) is recorded as "Viewed the request"."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)  # finds the request, in scope, or 404
        log(instance=self.object, action="casework.view", user=request.user)
        return response

    def save_instance(self):
        submission, data = self.form.instance, self.form.cleaned_data
        if change_status(submission, self.request.user, data["status"], data["status_note"]):
            log(instance=submission, action="wagtail.edit", user=self.request.user)  # the admin's audit log
        return submission


class SubmissionHistoryView(InScope, HistoryView):
    pass


class SubmissionUsageView(InScope, UsageView):
    pass


class SubmissionViewSet(ModelViewSet):
    model = Submission
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionEditView
    history_view_class = SubmissionHistoryView
    usage_view_class = SubmissionUsageView
    icon = "form"
    menu_label = "Requests"
    menu_order = 250
    add_to_admin_menu = True
    name = "requests"
    list_display = ["reference", "task_title", "status", "payment_status", "channel", "submit_time"]
    list_filter = ["status", "payment_status", "channel"]
    search_fields = ["reference", "email", "task_title"]
    form_fields = ["status", "status_note"]
    panels = [RequestDetailsPanel(heading="Request"), FieldPanel("status"), FieldPanel("status_note")]
    search_backend_name = None  # plain database search on reference, email and task
    copy_view_enabled = False
    inspect_view_enabled = False


class RequestAreaViewSet(ModelViewSet):
    """Settings > Teams' service areas: which group handles which service area's requests (superusers, or staff
    given the permissions on this model)."""

    model = RequestArea
    icon = "group"
    menu_label = "Teams' service areas"
    name = "request_areas"
    add_to_settings_menu = True
    list_display = ["group", "area"]
    form_fields = ["group", "area"]
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return SubmissionViewSet()


@hooks.register("register_admin_viewset")
def register_request_area_viewset():
    return RequestAreaViewSet()


@hooks.register("register_log_actions")
def register_casework_log_actions(actions):
    actions.register_action("casework.view", "View request", "Viewed the request")
    actions.register_action("casework.download_file", "Download request file", "Downloaded a file sent with it")
    actions.register_action("casework.view_list", "View requests", "Viewed the list of requests")
    actions.register_action("casework.export", "Export requests", "Downloaded the requests")


@hooks.register("filter_form_submissions_for_user")
def only_request_handlers_see_submissions(user, editable_forms):
    return access.form_pages_for(user, editable_forms)


@hooks.register("register_admin_urls")
def register_assisted_digital_urls():
    urls = [
        path("", assisted.choose, name="choose"),
        path("<int:page_id>/", assisted.answers, name="answers"),
        path("<int:page_id>/check/", assisted.check, name="check"),
        path("sent/<str:reference>/", assisted.sent, name="sent"),
    ]
    return [path("new-request/", include((urls, "casework_assisted"), namespace="casework_assisted"))]


class TakesRequests(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(assisted.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_new_request_menu_item():
    return TakesRequests(
        "New request for a resident", reverse("casework_assisted:choose"), icon_name="plus", order=249
    )


@hooks.register("register_admin_urls", order=-1)  # before wagtail.contrib.forms' own URL
def no_deleting_requests_in_the_forms_admin():
    return [path("forms/submissions/<int:page_id>/delete/", access.refuse_delete)]


@hooks.register("register_scheduled_job")
def casework_scheduled_jobs():
    return [
        command_job("send pending emails", timedelta(minutes=10), "send_pending_emails"),
        command_job("anonymise old requests", timedelta(days=1), "anonymise_old_submissions"),
    ]
