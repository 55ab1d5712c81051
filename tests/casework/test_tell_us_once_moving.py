"""Tell us you're moving, once (issue 24): one form for a move; each service the resident ticks gets its own
request (reference, team, status) under the one they sent; none for a service not ticked; each team sees only its
own part; the resident tracks them all in one place."""
import itertools

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from casework import access
from casework.intake.definition import SERVICES_QUESTION
from casework.intake.flow import Intake
from casework.intake.submit import submit
from casework.models import Status, Submission
from casework.references import FORMAT
from casework.retention import anonymise
from casework.status import change_status

from .conftest import fill_in, form_at

pytestmark = pytest.mark.django_db
MOVING = "/council-tax/moving-home/"
WITHIN, INTO, OUT = "Moving within Westmere", "Moving into Westmere", "Moving out of Westmere"
SERVICE_PATHS = {
    "Council Tax": "/council-tax/moving-home/",
    "Bins": "/bins-and-recycling/order-a-bin/",
    "Garden waste": "/bins-and-recycling/garden-waste/",
    "Parking": "/parking-and-roads/parking-permits/",
    "Single person discount": "/council-tax/single-person-discount/",
}


@pytest.fixture
def moving():
    return form_at(MOVING)


def move_answers(form, kind=WITHIN):
    names = {q.label: q.name for q in form.form_definition().questions}
    return {
        names["Are you moving into, out of or within Westmere?"]: kind,
        names["Your full name"]: "Jo Bloggs",
        names["Your address now, including postcode"]: "3 Market Street\nWestmere\nWM1 1AA",
        names["Your new address, including postcode"]: "12 Riverside Road, Westmere",
        names["Moving date"]: ["1", "2", "2027"],
        names["Email address"]: "jo@example.org",
    }


def label_of(definition, start):
    return next(s.label for s in definition.services if s.label.startswith(start))


def test_the_services_offered_depend_on_the_move(moving):
    definition = moving.form_definition()
    offered = {kind: [s.label.split(":")[0] for s in definition.services_for(move_answers(moving, kind))]
               for kind in (INTO, OUT, WITHIN)}
    assert offered == {
        OUT: ["Council Tax"],
        INTO: ["Council Tax", "Bins", "Single person discount"],
        WITHIN: list(SERVICE_PATHS),
    }


@pytest.mark.parametrize("ticked", [
    combination for size in range(1, 6) for combination in itertools.combinations(SERVICE_PATHS, size)
])
def test_each_combination_of_ticks_files_one_request_per_ticked_service_under_one_reference(moving, ticked):
    definition = moving.form_definition()
    intake = Intake(definition)
    answers = move_answers(moving)
    answers[SERVICES_QUESTION] = [label_of(definition, start) for start in ticked]
    intake.answers.update(answers)
    assert intake.is_complete, intake.whole_form.errors
    parent = submit(intake)
    parts = list(parent.parts.order_by("pk"))
    assert [part.page_id for part in parts] == [form_at(SERVICE_PATHS[start]).pk for start in ticked]
    assert len({parent.reference, *(part.reference for part in parts)}) == len(ticked) + 1
    assert all(FORMAT.match(part.reference) and part.status == Status.RECEIVED for part in parts)
    assert all(part.email == "jo@example.org" and part.uprn == "100091000002" for part in parts)
    assert all(["What should we do for you?", answers[SERVICES_QUESTION]] not in part.answers for part in parts)
    assert Submission.objects.count() == len(ticked) + 1  # nothing for a service not ticked


def test_a_service_the_move_does_not_need_cannot_be_ticked(moving):
    definition = moving.form_definition()
    intake = Intake(definition)
    intake.answers.update({**move_answers(moving, OUT), SERVICES_QUESTION: [label_of(definition, "Parking")]})
    assert not intake.is_complete
    assert "the choices depend on your answers" in str(intake.whole_form.errors[SERVICES_QUESTION])


def staff_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.split(":")[-1].strip().lower().replace(" ", ".") + "@x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_move_online_each_team_sees_only_its_part_and_the_resident_tracks_them_all(
    site_client, moving, django_user_model
):
    definition = moving.form_definition()
    answers = {**move_answers(moving),
               SERVICES_QUESTION: [label_of(definition, "Council Tax"), label_of(definition, "Bins")]}
    answers[next(q.name for q in definition.questions if q.label == "Moving date") + "_0"] = "1"
    fill_in(site_client, moving, {**answers, **split_date(definition, answers)})
    mail.outbox.clear()
    confirmation = site_client.get(site_client.post(moving.url + "check/")["Location"]).content.decode()
    parent = Submission.objects.get(parent__isnull=True)
    council_tax, bins = parent.parts.order_by("pk")
    for reference in (parent.reference, council_tax.reference, bins.reference):
        assert reference in confirmation
    assert "Register to vote" in confirmation and "doctor and dentist" in confirmation.lower()

    resident_mail = [m for m in mail.outbox if m.to == ["jo@example.org"]]
    assert len(resident_mail) == 1 and bins.reference in resident_mail[0].body
    team_mail = {m.subject for m in mail.outbox if m.to != ["jo@example.org"]}
    assert team_mail == {f"New request {council_tax.reference}: Moving home: Council Tax account",
                         f"New request {bins.reference}: Moving home: bins for the new home"}

    bins_team = staff_of(django_user_model, "Caseworkers: Bins and recycling")
    council_tax_team = staff_of(django_user_model, "Caseworkers: Council Tax")
    customer_service = staff_of(django_user_model, "Customer service")
    assert list(access.requests_for(bins_team)) == [bins]
    assert list(access.requests_for(council_tax_team)) == [council_tax]  # not the whole move
    assert set(access.requests_for(customer_service)) == {parent, council_tax, bins}

    tracked = site_client.post("/track/", {"reference": parent.reference, "email": "jo@example.org"}).content.decode()
    assert council_tax.reference in tracked and bins.reference in tracked
    part = site_client.post("/track/", {"reference": bins.reference, "email": "jo@example.org"}).content.decode()
    assert f"part of your request <strong>{parent.reference}</strong>" in part


def split_date(definition, answers):
    name = next(q.name for q in definition.questions if q.label == "Moving date")
    day, month, year = answers.pop(name)
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def send_move(moving, *starts, user=None):
    definition = moving.form_definition()
    intake = Intake(definition)
    intake.answers.update({**move_answers(moving), SERVICES_QUESTION: [label_of(definition, s) for s in starts]})
    return submit(intake, submitted_by=user)


def test_the_move_is_done_when_every_team_has_done_its_part(moving):
    parent = send_move(moving, "Council Tax", "Bins")
    council_tax, bins = parent.parts.order_by("pk")
    change_status(council_tax, None, Status.DONE, "Your new bill is on its way.")
    parent.refresh_from_db()
    assert parent.status == Status.RECEIVED
    change_status(bins, None, Status.CLOSED, "")
    parent.refresh_from_db()
    assert parent.status == Status.DONE
    assert parent.history.last().note == "Every team has dealt with its part."


def test_my_account_lists_the_parts_under_the_move(site_client, moving, django_user_model):
    user = django_user_model.objects.create_user("jo@example.org", "jo@example.org", "correct-horse-battery")
    parent = send_move(moving, "Council Tax", "Single person discount", user=user)
    site_client.force_login(user)
    home = site_client.get("/account/").content.decode()
    rows = home.split('<tr class="govuk-table__row">')[2:]  # after the header row
    assert len(rows) == 1 and parent.reference in rows[0]
    council_tax, discount = parent.parts_in_order
    assert rows[0].index(council_tax.reference) < rows[0].index(discount.reference)  # in the order asked


def test_anonymising_a_request_removes_its_phone_postcode_and_property(moving):
    parent = send_move(moving, "Council Tax")
    assert (parent.postcode, parent.uprn) == ("WM1 1AA", "100091000002")
    anonymise(Submission.objects.all())
    assert set(Submission.objects.values_list("email", "phone", "postcode", "uprn")) == {("", "", "", "")}


def test_staff_see_what_a_part_belongs_to_and_customer_service_the_parts_of_a_move(client, moving, django_user_model):
    parent = send_move(moving, "Council Tax", "Bins")
    council_tax, bins = parent.parts_in_order
    bins_team = staff_of(django_user_model, "Caseworkers: Bins and recycling")
    client.force_login(bins_team)
    page = client.get(f"/admin/requests/edit/{bins.pk}/").content.decode()
    assert f"One part of {parent.reference}" in page and "Moving home: bins for the new home" in page
    assert client.get(f"/admin/requests/edit/{parent.pk}/").status_code == 404
    client.force_login(staff_of(django_user_model, "Customer service"))
    whole = client.get(f"/admin/requests/edit/{parent.pk}/").content.decode()
    assert council_tax.reference in whole and bins.reference in whole
