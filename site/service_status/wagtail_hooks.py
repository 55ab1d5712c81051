from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Disruption


class DisruptionViewSet(ModelViewSet):
    model = Disruption
    icon = "warning"
    menu_label = "Service status"
    menu_order = 265
    add_to_admin_menu = True
    name = "disruptions"
    list_display = ["title", "starts_at", "ends_at"]
    search_fields = ["title", "details"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = [
        FieldPanel("title"),
        FieldPanel("details"),
        FieldPanel("pages"),
        FieldPanel("postcodes"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]


@hooks.register("register_admin_viewset")
def register_disruption_viewset():
    return DisruptionViewSet()
