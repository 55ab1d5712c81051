"""Which council search vocabulary a member of staff may see and change in the admin: search synonyms (Snippets >
Search synonyms) and best bets' councils (Settings). An editor sees their own councils' rows and the rows for every
council (which change their council's search too), and changes only their own councils' rows; a row for every
council is changed by someone who works for every council. The one rule every staff list applies is
sitewide.council_staff's.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from sitewide.council_staff import council_ids_for

EVERY_COUNCIL_ONLY = "Only someone who works for every council can change what applies to every council."


def works_for_every_council(user):
    return council_ids_for(user) >= set(Site.objects.values_list("pk", flat=True))


def visible_to(user, queryset):
    """The rows of `queryset` (with a `site`, empty for every council) that `user` sees."""
    return queryset.filter(Q(site__in=council_ids_for(user)) | Q(site__isnull=True))


def may_change(user, row):
    if row.site_id is None:
        return works_for_every_council(user)
    return row.site_id in council_ids_for(user)


class CouncilScopedViewMixin:
    """For a viewset's views of one row (edit, delete, history, usage): another council's row is not there for
    this user; a row for every council is there to read in the list, not to change."""

    def get_object(self, *args, **kwargs):
        row = super().get_object(*args, **kwargs)
        if not may_change(self.request.user, row):
            raise PermissionDenied(EVERY_COUNCIL_ONLY if row.site_id is None else None)
        return row


class CouncilScopedIndexMixin:
    def get_base_queryset(self):
        return visible_to(self.request.user, super().get_base_queryset())


class CouncilScopedForm(WagtailAdminModelForm):
    """The council field offers the user's own councils; "every council" (empty) only to someone who works for
    every council."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        if field is None or self.for_user is None:
            return
        field.queryset = field.queryset.filter(pk__in=council_ids_for(self.for_user))
        if not works_for_every_council(self.for_user):
            field.required = True
            field.empty_label = None
            field.help_text = "Only on this council's website and assistant."


def scoped_index(view_class):
    """`view_class` (a viewset's list) listing what the user sees."""
    return type(view_class.__name__, (CouncilScopedIndexMixin, view_class), {})


def scoped_row(view_class):
    """`view_class` (a viewset's view of one row) for the rows the user may change."""
    return type(view_class.__name__, (CouncilScopedViewMixin, view_class), {})


def refuse_others_rows(request, objects, model):
    """For a bulk action on `model`'s rows: the rows the user may not change, which stop it."""
    return [row for row in objects if isinstance(row, model) and not may_change(request.user, row)]
