"""The editors' Resident feedback dashboard in the admin: see it, export it, mark items as dealt with.

What it shows is queries.Dashboard; the CSV's columns are spreadsheet.py's; who may see it, permissions.py's; whose
feedback (their councils'), scope.py's.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import dealt_with, spreadsheet
from .permissions import viewers_only
from .queries import Dashboard


def dashboard_from(request):
    return Dashboard(request.user, request.GET.get("days", "30"), request.GET.get("show") == "all")


@viewers_only
def dashboard_view(request):
    return TemplateResponse(request, "feedback/dashboard.html", dashboard_from(request).context())


@viewers_only
def export_csv(request):
    dashboard = dashboard_from(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resident-feedback-{timezone.localdate():%Y-%m-%d}.csv"'
    spreadsheet.write_csv(dashboard, response)
    return response


@require_POST
@viewers_only
def mark_dealt_with(request):
    marked = dealt_with.mark_dealt_with(
        request.user, request.POST.get("kind", ""), request.POST.get("id", ""), request.POST.get("council", "")
    )
    if marked:
        messages.success(request, "Marked as dealt with.")
    else:
        messages.error(request, "That item could not be found.")
    url = reverse("feedback_dashboard:index")
    query = request.POST.get("return_query", "")
    return redirect(f"{url}?{query}" if query and query.replace("=", "").replace("&", "").isalnum() else url)
