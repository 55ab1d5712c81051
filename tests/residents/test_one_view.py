"""Issue 23, one view of the resident: staff find a resident by email, phone, postcode or reference and see what
every channel holds for them (requests, chats, callbacks, their account), and none of another's; each look is
recorded with its reason; data protection officers read that record and export everything held about someone."""
import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from accounts.models import ResidentProfile, SavedAddress
from assistant.models import CallbackRequest, HandoffRequest
from casework.intake.definition import FormDefinition
from casework.intake.flow import Intake
from casework.intake.submit import submit
from casework.models import Channel, Submission
from places.models import Address
from residents.models import RecordLook, ResidentLink
from tests.casework.conftest import form_at
from tests.casework.test_request_scope import WASTE_TEAM, staff

pytestmark = pytest.mark.django_db

FIND = "/admin/residents/"
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"
PARKING = "/parking-and-roads/parking-permits/"


def request_at(task_path, email, phone="", postcode="", channel=Channel.ONLINE):
    submission = Submission(page=form_at(task_path), task_title=task_path, email=email, phone=phone,
                            postcode=postcode, answers=[["Email address", email]], channel=channel, form_data={})
    submission.save()
    return submission


@pytest.fixture
def jo():
    """Jo's requests by web and phone, a chat they were handed to a person in, a callback and an account."""
    chat = HandoffRequest.objects.create(sender_id="jo-web", topic="report_missed_bin",
                                         transcript=[{"sender": "user", "text": "my bin was missed"}])
    bins = request_at(MISSED_BIN, "Jo@Example.org", phone="01632960001", postcode="WM1 1AA")
    bins.handoff = chat
    bins.save()
    parking = request_at(PARKING, "", phone="01632960001", postcode="WM1 1AA", channel=Channel.PHONE)
    callback = CallbackRequest.objects.create(name="Jo", phone="+44 (0)1632 960 001", best_time="mornings")
    account = User.objects.create_user("jo", "jo@example.org", "a-long-password-1")
    profile = ResidentProfile.objects.create(user=account, verified_email="jo@example.org", full_name="Jo Bloggs",
                                             phone="07700900123")
    SavedAddress.objects.create(profile=profile, address=Address.objects.get(uprn="100091000001"), main=True)
    return {"bins": bins, "parking": parking, "chat": chat, "callback": callback, "account": account}


@pytest.fixture
def sam():
    return request_at(MISSED_BIN, "sam@example.org", phone="01632960999", postcode="WM1 1AA")


def signed_in(client, *groups):
    client.defaults["HTTP_HOST"] = "localhost"
    client.force_login(staff("staff-" + "-".join(g.split()[0].lower() for g in groups), *groups))
    return client


def look(client, q, reason="The resident called about their bin"):
    return client.post(FIND, {"q": q, "reason": reason})


def test_customer_service_see_every_channel_of_one_resident_and_none_of_another(client, jo, sam):
    signed_in(client, "Customer service")
    page = look(client, "jo@example.org").content.decode()

    for shown in (jo["bins"].reference, jo["parking"].reference, jo["chat"].reference, "Jo asked us to contact them",
                  "My Account opened with jo@example.org", "email confirmed"):
        assert shown in page, shown
    assert sam.reference not in page
    assert page.index(jo["parking"].reference) < page.index(jo["bins"].reference)  # newest first
    look_row = RecordLook.objects.get()
    assert (look_row.resident, look_row.reason, look_row.what) == (
        "email:jo@example.org", "The resident called about their bin", RecordLook.What.VIEW)

    by_reference = look(client, jo["parking"].reference.lower().replace("-", " ")).content.decode()
    by_phone = look(client, "01632 960001").content.decode()
    for page in (by_reference, by_phone):
        assert jo["bins"].reference in page and jo["callback"].name in page and sam.reference not in page
    assert RecordLook.objects.count() == 3


def test_a_postcode_lists_the_residents_there_to_choose_from(client, jo, sam):
    signed_in(client, "Customer service")
    page = look(client, "wm11aa").content.decode()
    assert "jo@example.org" in page and "sam@example.org" in page and "Many people share a postcode" in page
    assert not RecordLook.objects.exists()  # nobody's record was opened yet


def test_no_reason_no_look(client, jo):
    signed_in(client, "Customer service")
    page = client.post(FIND, {"q": "jo@example.org", "reason": ""}).content.decode()
    assert "Say why you are looking at this resident" in page and jo["bins"].reference not in page
    assert "Enter an email address, phone number, postcode or reference" in look(client, "nobody").content.decode()
    for action in ("export/", "link/"):
        assert client.post(f"{FIND}{action}", {"start": "email:jo@example.org", "reason": " "}).status_code == 400
    assert not RecordLook.objects.exists()


def test_staff_outside_the_groups_get_403_and_learn_nothing(client, jo):
    signed_in(client, "Editors")
    for response in (client.get(FIND), look(client, "jo@example.org"), client.get(f"{FIND}looks/"),
                     client.post(f"{FIND}export/", {"start": "email:jo@example.org", "reason": "curious"})):
        assert response.status_code == 403
        assert jo["bins"].reference not in response.content.decode()
    assert not RecordLook.objects.exists()


def test_caseworkers_see_only_their_own_services_requests(client, jo):
    signed_in(client, WASTE_TEAM)
    page = look(client, "01632960001").content.decode()
    assert jo["bins"].reference in page
    assert jo["parking"].reference not in page and jo["callback"].name + " asked" not in page
    assert jo["chat"].reference not in page


def test_a_data_protection_officer_reads_who_looked_and_exports_everything_held(client, jo):
    signed_in(client, "Customer service")
    look(client, "jo@example.org", reason="Called about bin")
    assert client.get(f"{FIND}looks/").status_code == 403  # customer service do not read the audit

    officer = signed_in(client, "Data protection officer")
    exported = officer.post(f"{FIND}export/", {"start": "email:jo@example.org", "reason": "Subject access request"})
    held = json.loads(exported.content)
    assert "attachment" in exported["Content-Disposition"]
    assert {r["reference"] for r in held["requests"]} == {jo["bins"].reference, jo["parking"].reference}
    assert [c["reference"] for c in held["chats"]] == [jo["chat"].reference]
    assert held["chats"][0]["conversation"] == [["Resident", "my bin was missed"]]
    assert [c["phone"] for c in held["callbacks"]] == ["+44 (0)1632 960 001"]
    assert held["accounts"] == [{
        "email": "jo@example.org", "opened": jo["account"].date_joined.isoformat(), "name": "Jo Bloggs",
        "phone": "07700900123", "updates_by": "Email", "addresses": ["1 Market Street, Westmere, WM1 1AA"],
    }]  # the details the account keeps to fill in forms, too (issue 24)
    assert [look["why"] for look in held["looks"]] == ["Subject access request", "Called about bin"]  # newest first

    page = officer.get(f"{FIND}looks/").content.decode()
    assert "Called about bin" in page and "Subject access request" in page
    csv = officer.get(f"{FIND}looks/?format=csv").content.decode()
    assert csv.splitlines()[0] == "When,Who,Whose record,What,Why" and len(csv.splitlines()) == 3


def test_staff_link_two_details_of_one_resident_with_a_reason_and_can_unlink_them(client, jo):
    other = request_at(PARKING, "jo.work@example.org")
    signed_in(client, "Customer service")
    assert other.reference not in look(client, "jo@example.org").content.decode()

    linked = client.post(f"{FIND}link/", {"start": "email:jo@example.org", "reason": "Called",
                                          "other": "jo.work@example.org",
                                          "link_reason": "Jo said it is her work email"})
    assert other.reference in linked.content.decode()
    link = ResidentLink.objects.get()
    assert (link.first, link.second, link.reason) == ("email:jo@example.org", "email:jo.work@example.org",
                                                      "Jo said it is her work email")

    client.post(f"{FIND}unlink/{link.pk}/", {"start": "email:jo@example.org", "reason": "Called",
                                             "unlink_reason": "A different Jo"})
    assert other.reference not in look(client, "jo@example.org").content.decode()
    link.refresh_from_db()
    assert link.unlink_reason == "A different Jo" and link.unlinked_by is not None
    assert list(RecordLook.objects.values_list("what", flat=True).order_by("at", "pk")) == [
        "view", "link", "unlink", "view"]


def test_a_request_keeps_the_resident_s_phone_and_postcode_written_one_way(jo):
    definition = FormDefinition.from_dict({
        "form_id": form_at(MISSED_BIN).pk, "task_title": "Report", "questions": [
            {"name": "phone", "label": "Phone", "validation": "phone", "required": True},
            {"name": "postcode", "label": "Postcode", "validation": "postcode", "required": True},
        ]})
    submission = submit(Intake(definition, {"phone": "+44 1632 960 001", "postcode": "wm1 1aa"}))
    assert (submission.phone, submission.postcode) == ("01632960001", "WM1 1AA")
    assert Group.objects.filter(name="Data protection officer").exists()


def test_the_demo_staff_sign_ins_in_the_readme_open_what_it_says(client):
    call_command("create_demo_admin", password="westmere-demo")
    client.defaults["HTTP_HOST"] = "localhost"
    for login, opens, refuses in (("customer.service", "/admin/new-request/", "/admin/residents/looks/"),
                                  ("data.protection", "/admin/residents/looks/", "/admin/new-request/"),
                                  ("caseworker.bins", "/admin/residents/", "/admin/residents/looks/"),
                                  ("service.manager", "/admin/outcomes/", "/admin/residents/"),
                                  ("shared.service", "/admin/new-request/", "/admin/residents/looks/"),
                                  ("fellside.service", "/admin/new-request/", "/admin/residents/looks/"),
                                  ("fellside.editor", "/admin/pages/search/?q=bins", "/admin/new-request/")):
        assert client.login(username=login, password="westmere-demo"), login
        assert client.get(opens).status_code == 200, (login, opens)
        assert client.get(refuses).status_code in (302, 403), (login, refuses)


def test_a_request_names_its_property_from_the_address_list_and_the_property_joins_the_record(client):
    definition = FormDefinition.from_dict({
        "form_id": form_at(MISSED_BIN).pk, "task_title": "Report", "questions": [
            {"name": "email", "label": "Email", "field_type": "email", "required": True},
            {"name": "postcode", "label": "Postcode", "validation": "postcode", "required": True},
            {"name": "line", "label": "First line of your address", "role": "address", "required": True},
        ]})
    property_uprn = Address.objects.get(postcode="WM1 1AA", line_1="1 Market Street").uprn
    first = submit(Intake(definition, {"email": "jo@example.org", "postcode": "wm1 1aa", "line": "1 market street"}))
    second = submit(Intake(definition, {"email": "jo.other@example.org", "postcode": "WM1 1AA",
                                        "line": "1 Market Street, Westmere"}))
    elsewhere = submit(Intake(definition, {"email": "sam@example.org", "postcode": "WM1 1AA", "line": "Nowhere"}))
    assert (first.uprn, second.uprn, elsewhere.uprn) == (property_uprn, property_uprn, "")

    signed_in(client, "Customer service")
    page = look(client, "jo@example.org").content.decode()
    assert first.reference in page and second.reference in page and elsewhere.reference not in page
    assert f"Property (UPRN) {property_uprn}" in page
    assert second.reference in look(client, property_uprn).content.decode()


def test_an_account_is_found_by_the_phone_number_its_details_keep(client, jo):
    signed_in(client, "Customer service")
    page = look(client, "07700 900123").content.decode()
    assert "My Account opened with jo@example.org" in page
