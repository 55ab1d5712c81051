from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Facility, Place


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "kind", "postcode", "site"]
    list_filter = ["kind", "site"]
    search_fields = ["name", "address", "postcode"]


class FacilityViewSet(SnippetViewSet):
    model = Facility
    icon = "tick"


class DirectoriesGroup(SnippetViewSetGroup):
    menu_label = "Directories"
    menu_icon = "site"
    menu_order = 270
    items = (PlaceViewSet, FacilityViewSet)


register_snippet(DirectoriesGroup)
