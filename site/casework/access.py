"""Who may see residents' requests, and which: one scope, `requests_for(user)`, for every list, search, export,
detail, status change and file download of requests.

Staff need the request permissions (`casework.view_submission` or `casework.change_submission`), and see the requests
of the service areas their groups handle (`RequestArea`: a group and a service area page; the requests sent from the
forms under that page). Superusers and teams given every area (Customer service) see all; anyone else sees none.

Wagtail's Forms admin (/admin/forms/) shows a form page's submissions, with CSV/XLSX export and delete, to anyone who
may edit the page. Here those submissions are residents' requests (names, emails, addresses), so editing a page's
words must not open them: the `filter_form_submissions_for_user` hook gives it only the form pages in the user's
scope, and nobody deletes a request from the admin. Requests are anonymised by retention
(`anonymise_old_submissions`) or at the resident's own request, never removed by hand.
"""
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import get_page_models

from sitewide import council_staff

from .models import RequestArea, Submission

REQUEST_PERMISSIONS = ("casework.view_submission", "casework.change_submission")
NOTHING = Q(pk__in=[])


def is_staff_account(user):
    """A council staff account (it may use an admin). Not a resident's account: it sees requests only in the admin,
    as far as its scope allows, never in My Account, and My Account's password reset never goes to it."""
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def can_handle_requests(user):
    return user.is_active and any(user.has_perm(permission) for permission in REQUEST_PERMISSIONS)


def handles_every_area(user):
    """Superusers and teams given every area (Customer service) of at least one of their councils."""
    if not can_handle_requests(user):
        return False
    return user.is_superuser or RequestArea.objects.filter(group__user=user, area__isnull=True).exists()


def scopes(user):
    """(whole, parts): filters on pages (by `path`) for the forms whose requests `user` sees whole (teams given
    every area, within their councils) and those whose own part of a request they see (a service area's team).
    Each group's areas count only within that group's councils (sitewide.council_staff), so a member of one
    council's Customer service and of another council's bins team sees the second council's bins alone."""
    if not can_handle_requests(user):
        return NOTHING, NOTHING
    if user.is_superuser:
        return Q(), Q()
    councils = council_staff.councils_by_group(user)
    whole = parts = NOTHING
    for group_id, area_path in RequestArea.objects.filter(group__user=user).values_list("group_id", "area__path"):
        in_councils = council_staff.pages_of_councils(councils.get(group_id, set()))
        if area_path is None:
            whole |= in_councils
        else:
            parts |= in_councils & Q(path__startswith=area_path)
    return whole, parts


def pages_in_scope(user, path_field="path"):
    """A filter on pages (`path_field` is the page's path) for the forms whose requests `user` handles."""
    whole, parts = scopes(user)
    return on_field(whole | parts, path_field)


def on_field(scope, path_field):
    """`scope`, a filter on a page's `path`, as a filter on `path_field`."""
    if path_field == "path" or not scope.children:
        return scope
    moved = Q()
    moved.connector, moved.negated = scope.connector, scope.negated
    for child in scope.children:
        if isinstance(child, Q):
            moved.children.append(on_field(child, path_field))
        else:
            name, value = child
            moved.children.append((name.replace("path", path_field, 1), value))
    return moved


def requests_for(user, queryset=None):
    """The requests `user` may see (of `queryset`, or of all): THE scope of residents' requests for staff. A request
    told to several services (casework.intake.parts) is seen whole only by teams given every area: each service's
    team sees its own part."""
    queryset = Submission.objects.all() if queryset is None else queryset
    whole, parts = scopes(user)
    told_to_several = Submission.objects.filter(parent__isnull=False).values("parent_id")
    return queryset.filter(
        on_field(whole, "page__path") | (on_field(parts, "page__path") & ~Q(pk__in=told_to_several))
    )


def may_see(user, submission):
    return requests_for(user).filter(pk=submission.pk).exists()


def form_pages_for(user, editable_forms):
    """The `filter_form_submissions_for_user` hook: the form pages whose requests the user handles, none for others."""
    return editable_forms.model.objects.type(*form_page_models()).filter(pages_in_scope(user))


def form_page_models():
    """The page types that are online forms (by class: Wagtail's cached list of their content types goes stale
    when the tables are emptied, as between browser tests)."""
    return [model for model in get_page_models() if issubclass(model, FormMixin)]


def set_up_team(name, area):
    """A group that handles the requests of one service area (`area`, a page): the request permissions, the admin,
    and that area. Left alone if a group of that name exists (an administrator may have changed it)."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(*Permission.objects.filter(
            Q(content_type__app_label="casework", codename__in=["view_submission", "change_submission"])
            | Q(content_type__app_label="wagtailadmin", codename="access_admin")
            | Q(content_type__app_label="residents", codename="view_resident_record")  # their services' part
        ))
        RequestArea.objects.create(group=group, area=area)
    return group


def refuse_delete(request, page_id):
    """Takes the place of Wagtail's "delete submissions" view."""
    raise PermissionDenied("Requests cannot be deleted from the admin: they are anonymised by retention.")
