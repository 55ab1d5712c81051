"""Admin: the synonyms list (Snippets > Search synonyms), the councils of best bets that link outside the site
(Settings > Best bets' councils) and the search reports (Reports menu); the searches of the Resident feedback
dashboard (the `logged_searches` hook)."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_scope import CouncilScopedForm, refuse_others_rows, scoped_index, scoped_row
from .models import PromotionCouncil, Synonym
from .querylog import no_result_searches, searches_since, top_searches
from .reports import NoResultsView, TopSearchesView, can_view_reports


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "Search synonyms"
    list_display = ["term", "same_as", "council", BooleanColumn("live"), "updated_at"]
    list_filter = ["live", "site"]
    search_fields = ["term", "equivalents"]
    ordering = ["term"]
    # An editor sees their councils' synonyms and those for every council, and changes their councils' own.
    edit_handler = ObjectList(Synonym.panels, base_form_class=CouncilScopedForm)
    index_view_class = scoped_index(SnippetViewSet.index_view_class)
    edit_view_class = scoped_row(SnippetViewSet.edit_view_class)
    delete_view_class = scoped_row(SnippetViewSet.delete_view_class)
    history_view_class = scoped_row(SnippetViewSet.history_view_class)
    usage_view_class = scoped_row(SnippetViewSet.usage_view_class)
    copy_view_enabled = False
    inspect_view_enabled = False


register_snippet(SynonymViewSet)


class PromotionCouncilViewSet(ModelViewSet):
    """Wagtail's promoted search results have no site, and their edit screen is Wagtail's own: a best bet that links
    outside the site is given its council here, beside them in Settings."""

    model = PromotionCouncil
    icon = "pick"
    menu_label = "Best bets' councils"
    add_to_settings_menu = True
    name = "best_bets_councils"
    list_display = ["promotion", "council"]
    list_filter = ["site"]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList([FieldPanel("promotion"), FieldPanel("site")], base_form_class=CouncilScopedForm)
    index_view_class = scoped_index(ModelViewSet.index_view_class)
    edit_view_class = scoped_row(ModelViewSet.edit_view_class)
    delete_view_class = scoped_row(ModelViewSet.delete_view_class)
    history_view_class = scoped_row(ModelViewSet.history_view_class)
    usage_view_class = scoped_row(ModelViewSet.usage_view_class)


@hooks.register("register_admin_viewset")
def register_promotion_council_viewset():
    return PromotionCouncilViewSet()


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_others_rows(request, action_type, objects, action):
    """Snippets' bulk delete reaches rows by id, past the scoped list."""
    if refuse_others_rows(request, objects, Synonym):
        messages.error(request, "Some of these synonyms are not yours to change: they apply to another council "
                                "or to every council.")
        return redirect(reverse("wagtailsnippets_search_synonym:list"))

report_urls = [
    path("top-searches/", TopSearchesView.as_view(), name="top_searches"),
    path("top-searches/results/", TopSearchesView.as_view(results_only=True), name="top_searches_results"),
    path("no-results/", NoResultsView.as_view(), name="no_results"),
    path("no-results/results/", NoResultsView.as_view(results_only=True), name="no_results_results"),
]


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("reports/search/", include((report_urls, "search_reports"), namespace="search_reports"))]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_top_searches_menu_item():
    return SearchReportMenuItem(
        "Top searches", reverse("search_reports:top_searches"), name="top-searches", icon_name="search", order=1310
    )


@hooks.register("register_reports_menu_item")
def register_no_results_menu_item():
    return SearchReportMenuItem(
        "Searches with no results",
        reverse("search_reports:no_results"),
        name="searches-with-no-results",
        icon_name="warning",
        order=1320,
    )


@hooks.register("register_permissions")
def register_search_permissions():
    """Shown on the group edit screen, so admins can give the reports to more groups."""
    return Permission.objects.filter(
        content_type__app_label="search",
        codename="view_search_reports",
    )


@hooks.register("logged_searches")
def logged_searches(since, councils=None):
    """What residents searched for from `since` on, for the Resident feedback dashboard (feedback sits below this
    app): the searches with no results and the top searches, in the rows of the Reports menu's reports. Given
    `councils` (Site ids, the viewer's), only theirs, each row per council (its id in "council")."""
    logs = searches_since(since, councils)
    by_council = councils is not None
    return {"no_results": no_result_searches(logs, by_council), "top": top_searches(logs, by_council)}
