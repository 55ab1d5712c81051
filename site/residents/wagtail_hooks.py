from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_resident_urls():
    urls = [
        path("", views.find, name="find"),
        path("link/", views.link, name="link"),
        path("unlink/<int:pk>/", views.unlink, name="unlink"),
        path("export/", views.export, name="export"),
        path("looks/", views.looks, name="looks"),
    ]
    return [path("residents/", include((urls, "residents"), namespace="residents"))]


class SeesResidents(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.SEE)


@hooks.register("register_admin_menu_item")
def register_find_a_resident_menu_item():
    return SeesResidents("Find a resident", reverse("residents:find"), icon_name="user", order=248)
