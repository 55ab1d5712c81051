from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_outcomes_urls():
    urls = [path("", views.dashboard, name="dashboard"), path("<str:key>.csv", views.download, name="download")]
    return [path("outcomes/", include((urls, "outcomes"), namespace="outcomes"))]


class OutcomesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_outcomes_menu_item():
    return OutcomesMenuItem("Outcomes", reverse("outcomes:dashboard"), icon_name="doc-full", order=150)
