"""Customer testing's admin lists show a member of staff their own councils' pages.

Wagtail's explorer, search and page chooser follow page permissions, which are per council (each council's groups
have them on its own home page). These lists are ours, of rows about pages (focus-group sessions, service area
owners, areas' thresholds), so they apply the one rule every staff list applies (sitewide.council_staff): a row
is listed, opened and changed only by someone who works for its page's council.
"""
from wagtail.admin.views import generic

from sitewide.council_staff import page_filter


class OwnCouncils:
    """For a listing view: the rows whose page (`council_path` is the page's tree path) is in the user's
    councils."""

    council_path = "page__path"

    def get_base_queryset(self):
        return super().get_base_queryset().filter(page_filter(self.request.user, self.council_path))


class OwnCouncilsObject:
    """For an edit or delete view: another council's row is "not found"."""

    council_path = "page__path"

    def get_queryset(self):
        return super().get_queryset().filter(page_filter(self.request.user, self.council_path))


def scoped_views(path):
    """(index, edit, delete) view classes for a ModelViewSet, scoped to the user's councils by `path`."""
    attrs = {"council_path": path}
    return (
        type("OwnCouncilsIndexView", (OwnCouncils, generic.IndexView), attrs),
        type("OwnCouncilsEditView", (OwnCouncilsObject, generic.EditView), attrs),
        type("OwnCouncilsDeleteView", (OwnCouncilsObject, generic.DeleteView), attrs),
    )
