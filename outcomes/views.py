"""The outcomes dashboard: a period and a service area to choose, then each measure as a chart, its table and a CSV
download. For Service owners and managers (outcomes.view_outcomes_dashboard)."""
import csv
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cms_pages.models import ServiceAreaPage
from kit.spreadsheets import safe_cell

from . import charts
from .measures import MEASURES, Period, all_measures

PERMISSION = "outcomes.view_outcomes_dashboard"
DEFAULT_WEEKS = 12
MOST_WEEKS = 104


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    area = forms.ModelChoiceField(
        label="Service area", required=False, empty_label="Every service area",
        queryset=ServiceAreaPage.objects.live().order_by("title"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("The start of the period must be before its end.")
        return cleaned

    def period(self):
        """Whole weeks, Monday to Sunday: the weeks of the dates chosen, or the last 12 (at most 104)."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(weeks=DEFAULT_WEEKS - 1)
        start = max(start - timedelta(days=start.weekday()), end - timedelta(weeks=MOST_WEEKS))
        end = end + timedelta(days=6 - end.weekday())
        return Period(start - timedelta(days=start.weekday()), end, data.get("area"))


def may_see(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied


def dashboard(request):
    may_see(request.user)
    form = PeriodForm(request.GET or None)
    period = form.period()
    measures = [
        {"measure": m, "chart": charts.chart(m), "legend": charts.legend(m)} for m in all_measures(period)
    ]
    return render(request, "outcomes/dashboard.html", {
        "form": form, "period": period, "measures": measures, "query": request.GET.urlencode(),
    })


def download(request, key):
    """One measure's table as CSV, for the same period and area."""
    may_see(request.user)
    if key not in MEASURES:
        raise Http404
    period = PeriodForm(request.GET or None).period()
    measure = MEASURES[key](period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="outcomes-{key}-{period.start}-{period.end}.csv"'
    writer = csv.writer(response)
    writer.writerow(measure.columns)
    for row in measure.rows:
        writer.writerow([safe_cell("" if value is None else value) for value in row])
    return response
