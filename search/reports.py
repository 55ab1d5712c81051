"""Admin reports (Reports menu): searches with no results, and top searches. Editors with the
"Can view search reports" permission see them (the Editors and Moderators groups have it)."""
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site

from sitewide.council_staff import council_ids_for, site_or_default_filter

from .models import SearchQueryLog, SearchSource
from .querylog import no_result_searches, top_searches

REPORT_PERMISSION = "search.view_search_reports"
DEFAULT_DAYS = 30


def can_view_reports(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


class SearchLogFilterSet(WagtailFilterSet):
    created_at = DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    source = ChoiceFilter(label="Searched from", choices=SearchSource.choices)
    site = ModelChoiceFilter(label="Council", queryset=Site.objects.order_by("site_name"))

    class Meta:
        model = SearchQueryLog
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:  # the Council filter offers only the councils the viewer works for
            self.filters["site"].queryset = Site.objects.filter(
                pk__in=council_ids_for(self.request.user)).order_by("site_name")


class SearchReportView(ReportView):
    header_icon = "search"
    filterset_class = SearchLogFilterSet
    is_searchable = True
    search_fields = ["query"]
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def get_base_queryset(self):
        # Only the searches made on the viewer's councils' sites (sitewide.council_staff)
        logs = SearchQueryLog.objects.filter(site_or_default_filter(self.request.user))
        if not any(key.startswith("created_at") for key in self.request.GET):
            logs = logs.filter(created_at__gte=timezone.now() - timedelta(days=DEFAULT_DAYS))
        return logs

    def get_filtered_queryset(self):
        logs = self.search_queryset(self.filter_queryset(self.get_base_queryset()))
        return self.group(logs).order_by(self.ordering or self.default_ordering, "query")

    def get_queryset(self):
        return self.get_filtered_queryset()


class TopSearchesView(SearchReportView):
    page_title = "Top searches"
    index_url_name = "search_reports:top_searches"
    index_results_url_name = "search_reports:top_searches_results"
    default_ordering = "-searches"
    columns = [
        Column("query", label="Search words", sort_key="query"),
        NumberColumn("searches", label="Searches", sort_key="searches"),
        NumberColumn("average_results", label="Average results", sort_key="average_results"),
        NumberColumn("clicks", label="Clicked a result", sort_key="clicks"),
        DateColumn("last_searched", label="Last searched", sort_key="last_searched"),
    ]
    list_export = ["query", "searches", "average_results", "clicks", "last_searched"]
    export_headings = {
        "query": "Search words",
        "searches": "Searches",
        "average_results": "Average results",
        "clicks": "Clicked a result",
        "last_searched": "Last searched",
    }

    def group(self, logs):
        return top_searches(logs)

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row["average_results"] = round(row["average_results"] or 0, 1)
        return object_list


class NoResultsView(SearchReportView):
    page_title = "Searches with no results"
    index_url_name = "search_reports:no_results"
    index_results_url_name = "search_reports:no_results_results"
    default_ordering = "-searches"
    columns = [
        Column("query", label="Search words", sort_key="query"),
        NumberColumn("searches", label="Searches", sort_key="searches"),
        Column("found", label="Found"),
        DateColumn("last_searched", label="Last searched", sort_key="last_searched"),
    ]
    list_export = ["query", "searches", "found", "last_searched"]
    export_headings = {
        "query": "Search words", "searches": "Searches", "found": "Found", "last_searched": "Last searched",
    }

    def group(self, logs):
        return no_result_searches(logs)
