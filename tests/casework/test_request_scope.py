"""Issue 20: caseworkers see only their own services' requests, and who saw personal data is recorded.

One scope function (casework.access.requests_for) serves every list, search, export, detail, status change and file
download of requests. Staff handle the requests of the service areas their groups are given (Requests > Teams'
service areas); superusers and Customer service (every area) see all; anyone else sees none.
"""
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from wagtail.models import ModelLogEntry, PageLogEntry

from casework import access
from casework.models import Status, Submission, Upload

from .conftest import form_at

pytestmark = pytest.mark.django_db

WASTE_TEAM = "Caseworkers: Bins and recycling"


def staff(username, *groups, superuser=False):
    user = User.objects.create_user(username, f"{username}@example.org", "x", is_superuser=superuser)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def request_from(task_path, email):
    page = form_at(task_path)
    email_field = next(f.clean_name for f in page.get_form_fields() if f.field_type == "email")
    submission = Submission(page=page, task_title=task_path, email=email,
                            answers=[["Email address", email]], form_data={email_field: email})
    submission.save()
    return submission


@pytest.fixture
def waste():
    return request_from("/bins-and-recycling/report-a-missed-bin/", "waste.resident@example.com")


@pytest.fixture
def parking():
    submission = request_from("/parking-and-roads/parking-permits/", "parking.resident@example.com")
    Upload.objects.create(submission=submission, file=ContentFile(b"%PDF-1.4 permit", name="permit.pdf"),
                          original_name="permit.pdf", content_type="application/pdf", size=15)
    return submission


@pytest.fixture
def waste_caseworker(client):
    client.defaults["HTTP_HOST"] = "localhost"
    client.force_login(staff("wendy", WASTE_TEAM))
    return client


def body(response):
    content = b"".join(response) if response.streaming else response.content
    return content.decode(errors="replace")


def test_a_waste_caseworker_cannot_list_search_export_open_or_change_a_parking_request(
    waste_caseworker, waste, parking
):
    client = waste_caseworker
    listing = body(client.get("/admin/requests/"))
    assert waste.reference in listing and parking.reference not in listing
    for query in (parking.reference, "parking.resident", "parking"):
        for url in (f"/admin/requests/?q={query}", f"/admin/requests/results/?q={query}"):
            assert f"/admin/requests/edit/{parking.pk}/" not in body(client.get(url)), url
    assert f"/admin/requests/edit/{waste.pk}/" in body(client.get("/admin/requests/?q=waste.resident"))
    for url in (f"/admin/requests/edit/{parking.pk}/", f"/admin/requests/history/{parking.pk}/",
                f"/admin/requests/usage/{parking.pk}/"):
        response = client.get(url)
        assert response.status_code in (403, 404) and "parking.resident" not in body(response), url
    client.post(f"/admin/requests/edit/{parking.pk}/", {"status": Status.DONE, "status_note": "Closed by waste"})
    parking.refresh_from_db()
    assert parking.status == Status.RECEIVED and parking.history.count() == 1
    parking_form = parking.page_id
    assert f"/admin/forms/submissions/{parking_form}/" not in body(client.get("/admin/forms/"))
    for suffix in ("", "?export=csv", "?export=xlsx"):
        response = client.get(f"/admin/forms/submissions/{parking_form}/{suffix}")
        assert response.status_code in (302, 403) and "parking.resident" not in body(response), suffix
    upload = client.get(f"/casework/uploads/{parking.uploads.get().pk}/")
    assert upload.status_code in (403, 404)
    # Their own service's requests they can do all of that with.
    assert client.get(f"/admin/requests/edit/{waste.pk}/").status_code == 200
    export = client.get(f"/admin/forms/submissions/{waste.page_id}/?export=csv")
    assert export.status_code == 200 and "waste.resident@example.com" in body(export)


def test_customer_service_and_superusers_see_every_service_s_requests(client, waste, parking):
    client.defaults["HTTP_HOST"] = "localhost"
    for user in (staff("carol", "Customer service"), staff("root", superuser=True)):
        client.force_login(user)
        listing = body(client.get("/admin/requests/"))
        assert waste.reference in listing and parking.reference in listing, user
        assert client.get(f"/admin/requests/edit/{parking.pk}/").status_code == 200
        assert client.get(f"/casework/uploads/{parking.uploads.get().pk}/").status_code == 200


def test_request_permissions_without_a_service_area_see_nothing(client, waste, parking):
    client.defaults["HTTP_HOST"] = "localhost"
    bare = staff("bob", "Caseworkers")
    client.force_login(bare)
    listing = body(client.get("/admin/requests/"))
    assert waste.reference not in listing and parking.reference not in listing
    assert not access.requests_for(bare).exists()


def test_the_scope_is_one_function_used_for_users_of_every_kind(waste, parking):
    waste_worker = staff("wendy", WASTE_TEAM)
    editor = staff("ed", "Editors")
    assert set(access.requests_for(waste_worker)) == {waste}
    assert not access.requests_for(editor).exists()
    assert set(access.requests_for(staff("root", superuser=True))) == {waste, parking}
    assert access.requests_for(waste_worker, Submission.objects.filter(pk=parking.pk)).count() == 0


def test_the_demo_council_gives_every_service_area_a_team(waste):
    teams = Group.objects.filter(name__startswith="Caseworkers: ")
    assert WASTE_TEAM in set(teams.values_list("name", flat=True)) and teams.count() >= 8
    permissions = set(Group.objects.get(name=WASTE_TEAM).permissions.values_list("codename", flat=True))
    assert {"view_submission", "change_submission", "access_admin"} <= permissions
    assert "delete_submission" not in permissions


# Item 5: who saw personal data is recorded in the admin's log.

def test_opening_exporting_and_downloading_requests_is_logged(waste_caseworker, waste):
    client = waste_caseworker
    wendy = User.objects.get(username="wendy")
    Upload.objects.create(submission=waste, file=ContentFile(b"%PDF-1.4 bin", name="bin.pdf"),
                          original_name="bin.pdf", content_type="application/pdf", size=12)
    client.get(f"/admin/requests/edit/{waste.pk}/")
    viewed = ModelLogEntry.objects.filter(action="casework.view", object_id=str(waste.pk), user=wendy)
    assert viewed.count() == 1
    body(client.get(f"/casework/uploads/{waste.uploads.get().pk}/"))
    assert ModelLogEntry.objects.filter(action="casework.download_file", object_id=str(waste.pk), user=wendy).exists()
    body(client.get(f"/admin/forms/submissions/{waste.page_id}/?export=csv"))
    export = PageLogEntry.objects.get(action="casework.export", page_id=waste.page_id, user=wendy)
    assert export.data["format"] == "csv" and export.data["requests"] == 1
    client.get(f"/admin/forms/submissions/{waste.page_id}/")
    assert PageLogEntry.objects.filter(action="casework.view_list", page_id=waste.page_id, user=wendy).exists()
    history = body(client.get(f"/admin/requests/history/{waste.pk}/"))
    assert "Viewed the request" in history
