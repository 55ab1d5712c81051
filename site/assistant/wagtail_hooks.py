from datetime import timedelta

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sitewide.scheduled import command_job

from . import admin_urls
from .live_chat import PERMISSION


@hooks.register("register_admin_urls")
def register_live_chat_urls():
    return [path("live-chat/", include(admin_urls, namespace="assistant_admin"))]


class LiveChatMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_live_chat_menu_item():
    return LiveChatMenuItem("Live chat", reverse("assistant_admin:queue"), icon_name="comment", order=150)


@hooks.register("register_scheduled_job")
def assistant_scheduled_jobs():
    return [command_job("delete old chat transcripts", timedelta(days=1), "delete_old_transcripts")]
