from datetime import timedelta

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from casework.notifications import queue_email
from sitewide.scheduled import Job

from . import views
from .models import MemberEnquiry
from .ward import WARD_PATH, council_of, councillor_of, send_digests


@hooks.register("register_admin_urls")
def register_councillor_urls():
    urls = [
        path("", views.your_ward, name="ward"),
        path("enquiry/", views.log_enquiry, name="log"),
        path("enquiry/<str:reference>/", views.logged, name="logged"),
    ]
    return [path("your-ward/", include((urls, "councillors"), namespace="councillors"))]


class ForCouncillors(MenuItem):
    def is_shown(self, request):
        return councillor_of(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_your_ward_menu_item():
    return ForCouncillors("Your ward", reverse("councillors:ward"), icon_name="site", order=100)


class EnquiryEditView(EditView):
    """Customer service answer a member enquiry; the councillor is emailed the new status and answer, from their
    ward's council."""

    def save_instance(self):
        enquiry = super().save_instance()
        if {"status", "answer"} & set(self.form.changed_data):
            address = (enquiry.councillor.user.email if enquiry.councillor.user else "") or enquiry.councillor.email
            if address:
                council = council_of(enquiry.councillor)
                queue_email(address, f"Your enquiry {enquiry.reference} is now: {enquiry.get_status_display()}",
                            f"{enquiry.about}\n\n{enquiry.answer}\n\n{council.url(WARD_PATH)}\n\n{council.name}",
                            sender=council.sender)
        return enquiry


class MemberEnquiryViewSet(ModelViewSet):
    model = MemberEnquiry
    edit_view_class = EnquiryEditView
    icon = "mail"
    menu_label = "Member enquiries"
    menu_order = 251
    add_to_admin_menu = True
    name = "member_enquiries"
    list_display = ["reference", "about", "councillor", "status", "due_by"]
    list_filter = ["status"]
    search_fields = ["reference", "about", "resident_name", "resident_email"]
    form_fields = ["status", "answer"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_member_enquiry_viewset():
    return MemberEnquiryViewSet()


@hooks.register("register_scheduled_job")
def councillor_scheduled_jobs():
    return [Job("councillors' weekly digest", timedelta(days=7), send_digests, "each ward's new and overdue requests")]
