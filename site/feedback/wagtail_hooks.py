from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import dashboard, teach

admin_urlpatterns = [
    path("", dashboard.dashboard_view, name="index"),
    path("export.csv", dashboard.export_csv, name="export"),
    path("dealt-with/", dashboard.mark_dealt_with, name="dealt_with"),
    path("teach/<int:pk>/", teach.teach_view, name="teach"),
]


@hooks.register("register_admin_urls")
def register_feedback_dashboard_urls():
    return [
        path("resident-feedback/", include((admin_urlpatterns, "feedback_dashboard"), namespace="feedback_dashboard"))
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem("Resident feedback", reverse("feedback_dashboard:index"), icon_name="comment", order=260)
