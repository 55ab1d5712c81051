"""The requests list and download (CSV/XLSX) in Wagtail's Forms admin: scoped, recorded, safe in a spreadsheet."""
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log

from kit.spreadsheets import safe_cell

from . import access


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list of one form, limited to the requests the user handles (access.requests_for); who
    listed or downloaded them goes in the form page's history. In the CSV, residents' answers that look like formulas
    are written as text (Wagtail's XLSX export already stores every cell as text)."""

    def get_base_queryset(self):
        return access.requests_for(self.request.user, super().get_base_queryset())

    def render_to_response(self, context, **response_kwargs):
        count = len(context["submissions"])  # the rows shown or written
        if self.is_export:
            data = {"format": self.request.GET.get("export"), "requests": count}
            log(instance=self.form_page, action="casework.export", user=self.request.user, data=data)
        else:
            log(instance=self.form_page, action="casework.view_list", user=self.request.user, data={"requests": count})
        return super().render_to_response(context, **response_kwargs)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value
