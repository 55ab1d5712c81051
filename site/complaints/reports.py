"""Complaints by service area: received, upheld and answered on time, with the lessons of the upheld ones beside
the page or form they concern; and the lessons a page's editors see in its editor."""
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import Panel

from .models import UPHELD, Complaint


def by_area(complaints):
    rows = {}
    for complaint in complaints:
        area = complaint.service_area.title if complaint.service_area else "Not said"
        row = rows.setdefault(area, {"area": area, "received": 0, "upheld": 0, "answered": 0, "on_time": 0,
                                     "lessons": []})
        row["received"] += 1
        row["answered"] += bool(complaint.answered_at)
        row["on_time"] += complaint.answered_on_time
        if complaint.outcome in UPHELD:
            row["upheld"] += 1
            if complaint.lesson:
                row["lessons"].append(complaint)
    return sorted(rows.values(), key=lambda row: row["area"])


@permission_required("complaints.view_complaint", raise_exception=True)
def by_service(request):
    complaints = Complaint.objects.select_related("service_area", "concerns", "request")
    return render(request, "complaints/report.html", {"rows": by_area(complaints)})


def lessons_for(page):
    return Complaint.objects.filter(concerns=page, outcome__in=UPHELD).exclude(lesson="").order_by("-answered_at")


class LessonsPanel(Panel):
    """In a page's editor: what upheld complaints about this page taught (shown only when there are some)."""

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return bool(self.instance.pk) and lessons_for(self.instance).exists()

        def render_html(self, parent_context=None):
            items = format_html_join("", "<li>{} ({}): {}</li>", (
                (c.request.reference, c.get_outcome_display().lower(), c.lesson) for c in lessons_for(self.instance)
            ))
            return format_html("<ul>{}</ul>", items)
