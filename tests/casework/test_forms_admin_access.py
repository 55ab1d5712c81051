"""Issue 11, item 2: residents' requests are seen only by staff with the request permissions, and never
deleted from the admin (Wagtail's Forms admin authorises by page-edit permission on its own). Issue 20: and only
those of their own service areas (tests/casework/test_request_scope.py)."""
import pytest
from django.contrib.auth.models import Group, User

from casework.models import Submission

from .conftest import send, valid_answers

pytestmark = pytest.mark.django_db


def staff(username, group=None, superuser=False):
    user = User.objects.create_user(username, f"{username}@example.org", "x", is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def request_sent(site_client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form, email="resident.private@example.com"))
    return Submission.objects.get()


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Service owners", "Caseworkers"])
def test_content_staff_cannot_read_export_or_delete_requests(client, missed_bin_form, request_sent, group):
    client.force_login(staff("someone", group))
    base = f"/admin/forms/submissions/{missed_bin_form.pk}/"
    for url in (base, f"{base}?export=csv", f"{base}?export=xlsx", "/admin/forms/"):
        response = client.get(url, HTTP_HOST="localhost")
        body = response.content.decode(errors="replace")
        assert "resident.private@example.com" not in body and request_sent.reference not in body, url
        assert response.status_code in (302, 403) or url == "/admin/forms/", (url, response.status_code)
    client.post(f"{base}delete/?selected-submissions={request_sent.pk}", HTTP_HOST="localhost")
    assert Submission.objects.filter(pk=request_sent.pk).exists()


@pytest.mark.parametrize("group", ["Caseworkers: Bins and recycling", "Customer service"])
def test_caseworkers_read_and_export_requests_but_cannot_delete_them(client, missed_bin_form, request_sent, group):
    client.force_login(staff("case", group))
    base = f"/admin/forms/submissions/{missed_bin_form.pk}/"
    assert "resident.private@example.com" in client.get(base, HTTP_HOST="localhost").content.decode()
    export = client.get(f"{base}?export=csv", HTTP_HOST="localhost")
    assert export.status_code == 200 and "resident.private@example.com" in b"".join(export).decode()
    assert client.get(f"/admin/requests/edit/{request_sent.pk}/", HTTP_HOST="localhost").status_code == 200
    upload_perm = client.get(f"/admin/requests/delete/{request_sent.pk}/", HTTP_HOST="localhost")
    assert upload_perm.status_code in (302, 403, 404)
    response = client.post(f"{base}delete/?selected-submissions={request_sent.pk}", HTTP_HOST="localhost")
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"  # refused
    assert Submission.objects.filter(pk=request_sent.pk).exists()


def test_not_even_a_superuser_deletes_a_request_from_the_admin(client, missed_bin_form, request_sent):
    client.force_login(staff("root", superuser=True))
    base = f"/admin/forms/submissions/{missed_bin_form.pk}/"
    refused = client.post(f"{base}delete/?selected-submissions={request_sent.pk}", HTTP_HOST="localhost")
    assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
    client.post(f"/admin/requests/delete/{request_sent.pk}/", HTTP_HOST="localhost")
    assert Submission.objects.filter(pk=request_sent.pk).exists()


def test_the_caseworkers_group_has_the_request_permissions_and_no_delete():
    permissions = set(Group.objects.get(name="Caseworkers").permissions.values_list("codename", flat=True))
    assert {"view_submission", "change_submission", "access_admin"} <= permissions
    assert "delete_submission" not in permissions
