from datetime import timedelta

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from governance.models import user_can_edit
from governance.workflow import is_governed
from sitewide.scheduled import Job

from . import admin_views
from .membership import forget_unconfirmed

CUSTOMER_TESTING_MENU = "customer-testing"  # governance.views.CustomerTestingGroup's menu item

remote_tests = admin_views.RemoteTestViewSet()


@hooks.register("register_admin_viewset")
def register_remote_tests():
    return remote_tests


panel_urls = [
    path("", admin_views.panel_view, name="panel"),
    path("members/<int:pk>/remove/", admin_views.remove_member_view, name="remove_member"),
]


@hooks.register("register_admin_urls")
def register_panel_urls():
    return [path("testing-panel/", include((panel_urls, "resident_panel_admin"), namespace="resident_panel_admin"))]


class PanelMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_panel(request.user)


def our_menu_items():
    return [
        remote_tests.get_menu_item(order=50),
        PanelMenuItem("Resident testing panel", reverse("resident_panel_admin:panel"), icon_name="group", order=51),
    ]


@hooks.register("construct_main_menu")
def add_to_customer_testing_menu(request, menu_items):
    """Governance owns the "Customer testing" group, which takes no items from other apps: ours join its submenu
    here (once; the submenu keeps its items). Someone who cannot see that group gets them in the main menu."""
    ours = [item for item in our_menu_items() if item.is_shown(request)]
    group = next((item for item in menu_items if item.name == CUSTOMER_TESTING_MENU and hasattr(item, "menu")), None)
    if group is None:
        menu_items.extend(ours)
        return
    items = group.menu.registered_menu_items
    names = {item.name for item in items}
    items.extend(item for item in our_menu_items() if item.name not in names)


@hooks.register("register_page_header_buttons")
def test_it_online_button(page, user, view_name, next_url=None):
    """On a governed page: make a remote test of its latest draft."""
    if is_governed(page) and user_can_edit(page, user) and user.has_perm("resident_panel.add_remotetest"):
        yield Button(
            "Test it online with residents",
            reverse("remote_tests:add") + f"?page={page.pk}",
            icon_name="mail",
            priority=67,
            attrs={"title": "Invite the resident testing panel to try the latest draft"},
        )


@hooks.register("register_scheduled_job")
def forget_unconfirmed_job():
    def run(now):
        return f"Deleted {forget_unconfirmed(now)} unconfirmed testing panel sign-ups."

    return [Job("testing panel sign-ups", timedelta(days=1), run, "unconfirmed after 7 days are deleted")]
