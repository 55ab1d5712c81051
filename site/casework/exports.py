"""The requests download (CSV) in Wagtail's Forms admin, safe to open in a spreadsheet program."""
from wagtail.contrib.forms.views import SubmissionsListView

from kit.spreadsheets import safe_cell


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list; in the CSV, residents' answers that look like formulas are written as text.
    (Wagtail's XLSX export already stores every cell as text.)"""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value
