from django.urls import path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser

from . import views
from .models import CampaignLink
from .sharing import sharing_of


class SharePanel(Panel):
    """The short link, its QR codes, the social card it will show and its visits (campaigns.sharing)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/share_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), **sharing_of(self.instance, self.request)}


class CampaignLinkViewSet(ModelViewSet):
    model = CampaignLink
    icon = "link"
    menu_label = "Campaign links"
    menu_order = 260
    add_to_admin_menu = True
    name = "campaign_links"
    list_display = ["name", "campaign", "source", "medium", "visit_count"]
    search_fields = ["name", "campaign", "source", "medium"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = [
        SharePanel(heading="Share it"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("page", widget=AdminPageChooser()), FieldPanel("section"), FieldPanel("question")],
            heading="Where it leads",
        ),
        FieldRowPanel([FieldPanel("campaign"), FieldPanel("source"), FieldPanel("medium")]),
    ]


@hooks.register("register_admin_viewset")
def register_campaign_link_viewset():
    return CampaignLinkViewSet()


@hooks.register("register_admin_urls")
def register_campaign_qr_urls():
    return [path("campaign-links/<int:pk>/qr.<str:kind>", views.qr_code, name="campaign_qr")]
