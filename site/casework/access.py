"""Who may see residents' requests: staff with the request permissions (the Caseworkers group).

Wagtail's Forms admin (/admin/forms/) shows a form page's submissions, with CSV/XLSX export and
delete, to anyone who may edit the page. Here those submissions are residents' requests (names,
emails, addresses), so editing a page's words must not open them: only staff with the request
permissions see them, and nobody deletes a request from the admin. Requests are anonymised by
retention (`anonymise_old_submissions`) or at the resident's own request, never removed by hand.
"""
from django.core.exceptions import PermissionDenied
from wagtail.contrib.forms.utils import get_form_types

REQUEST_PERMISSIONS = ("casework.view_submission", "casework.change_submission")


def is_staff_account(user):
    """A council staff account (it may use an admin). Not a resident's account: it sees requests only in the admin,
    as far as its scope allows, never in My Account, and My Account's password reset never goes to it."""
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def can_handle_requests(user):
    return user.is_active and any(user.has_perm(permission) for permission in REQUEST_PERMISSIONS)


def form_pages_for(user, editable_forms):
    """The `filter_form_submissions_for_user` hook: every form for request handlers, none for others."""
    if not can_handle_requests(user):
        return editable_forms.none()
    return editable_forms.model.objects.filter(content_type__in=get_form_types())


def refuse_delete(request, page_id):
    """Takes the place of Wagtail's "delete submissions" view."""
    raise PermissionDenied("Requests cannot be deleted from the admin: they are anonymised by retention.")
