from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

admin_urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("roll-back/", views.roll_back, name="roll_back"),
]


@hooks.register("register_admin_urls")
def register_assistant_update_urls():
    urls = include((admin_urlpatterns, "assistant_updates"), namespace="assistant_updates")
    return [path("assistant-updates/", urls)]


class AssistantUpdatesMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_update(request.user)


@hooks.register("register_admin_menu_item")
def register_assistant_updates_menu_item():
    return AssistantUpdatesMenuItem(
        "Assistant updates", reverse("assistant_updates:index"), icon_name="rotate", order=270
    )
