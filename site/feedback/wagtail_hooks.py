from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import dashboard, permissions, teach, transcripts

admin_urlpatterns = [
    path("", dashboard.dashboard_view, name="index"),
    path("export.csv", dashboard.export_csv, name="export"),
    path("dealt-with/", dashboard.mark_dealt_with, name="dealt_with"),
    path("teach/<int:pk>/", teach.teach_view, name="teach"),
    path("chats/", transcripts.transcript_list, name="transcripts"),
    path("chats/<int:pk>/", transcripts.transcript_detail, name="transcript"),
]


@hooks.register("register_admin_urls")
def register_feedback_dashboard_urls():
    return [
        path("resident-feedback/", include((admin_urlpatterns, "feedback_dashboard"), namespace="feedback_dashboard"))
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view(request.user)


class TranscriptsMenuItem(MenuItem):
    def is_shown(self, request):
        return transcripts.can_read(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    """Resident feedback: the dashboard, and the chat transcripts for those allowed to read them (the menu is
    hidden when neither is)."""
    menu = Menu(items=[
        FeedbackMenuItem("Dashboard", reverse("feedback_dashboard:index"), icon_name="comment", order=100),
        TranscriptsMenuItem("Chat transcripts", reverse("feedback_dashboard:transcripts"), icon_name="doc-full",
                            order=200),
    ])
    return SubmenuMenuItem("Resident feedback", menu, icon_name="comment", order=260)


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(transcripts.VIEW_ACTION, "Read chat transcript", "Read the chat transcript")


@hooks.register("register_permissions")
def register_transcript_permission():
    """Settings > Groups can give "Can read chat transcripts" to another group."""
    return Permission.objects.filter(content_type__app_label="assistant", codename="review_chat_transcripts")
