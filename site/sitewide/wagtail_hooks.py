from datetime import timedelta

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .council_staff import page_filter
from .models import CouncilTeam
from .scheduled import command_job


@hooks.register("register_scheduled_job")
def sitewide_scheduled_jobs():
    return [command_job("clear expired sessions", timedelta(days=1), "clearsessions")]


class CouncilTeamViewSet(ModelViewSet):
    """Settings > Councils' teams: which councils each group of staff works for (sitewide.council_staff)."""

    model = CouncilTeam
    icon = "group"
    menu_label = "Councils' teams"
    add_to_settings_menu = True
    form_fields = ["group", "site"]
    list_display = ["group", "site"]
    list_filter = ["site"]


@hooks.register("register_admin_viewset")
def register_council_teams():
    return CouncilTeamViewSet("council_teams")


@hooks.register("construct_page_chooser_queryset")
def choose_own_councils_pages(pages, request):
    """The page chooser (a link, a focus-group session's page) offers the pages of the user's own councils: Wagtail
    lists every page there, while its explorer and search already follow the per-council page permissions."""
    return pages.filter(page_filter(request.user) | Q(depth=1))
