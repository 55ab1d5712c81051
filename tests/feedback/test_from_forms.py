"""A complaint sent through the comments, compliments and complaints form reaches the editors' Resident feedback
dashboard: its category, service area and the resident's words (redacted), never their name or email."""
import pytest

from casework.models import Submission
from feedback.from_forms import category_of, service_area_named
from feedback.models import ServiceComment
from tests.casework.conftest import form_at, send, valid_answers

pytestmark = pytest.mark.django_db
COMPLAINTS = "/contact-us/comments-compliments-complaints/"


def test_a_complaint_sent_online_is_on_the_dashboard_without_the_residents_name(site_client):
    form_page = form_at(COMPLAINTS)
    names = {field.label: field.clean_name for field in form_page.get_form_fields()}
    answers = valid_answers(form_page, email="jo.bloggs@example.org")
    answers.update({
        names["What would you like to tell us?"]: "A complaint",
        names["Which service is it about?"]: "Parking",
        names["What happened?"]: "The warden was rude to me on 3 May. Call me on 07700 900123.",
        names["What would you like us to do?"]: "An apology",
        names["Your full name"]: "Jo Bloggs",
    })
    assert send(site_client, form_page, answers).status_code == 302
    submission = Submission.objects.get()

    comment = ServiceComment.objects.get()
    assert comment.category == "complaint" and comment.reference == submission.reference
    assert comment.service_area.title == "Parking and roads"
    assert comment.text == "The warden was rude to me on 3 May. Call me on [phone]. An apology"
    assert "Jo Bloggs" not in comment.text and "jo.bloggs" not in comment.text


def test_other_forms_leave_the_dashboard_alone(site_client):
    form_page = form_at("/bins-and-recycling/report-a-missed-bin/")
    send(site_client, form_page, valid_answers(form_page))
    assert Submission.objects.count() == 1 and not ServiceComment.objects.exists()


@pytest.mark.parametrize("answer, category", [
    ("A complaint", "complaint"), ("A compliment", "compliment"), ("A comment or suggestion", "comment"),
    ("I want to complain", "complaint"), ("", "comment"),
])
def test_the_category_answer(answer, category):
    assert category_of(answer) == category


@pytest.mark.parametrize("answer, area", [
    ("Bins and recycling", "Bins and recycling"), ("council tax", "Council Tax"), ("Parking", "Parking and roads"),
    ("Something else", None), ("", None),
])
def test_the_service_answer_names_a_service_area(answer, area):
    found = service_area_named(answer)
    assert (found.title if found else None) == area


def test_what_the_resident_told_the_assistant_is_in_the_complaint_form_for_them_to_check(site_client):
    """The assistant's "Start now" link after a complaint's story carries the story (?details=): the form's
    first long answer ("What happened?") shows it, and an answer the resident typed is never replaced."""
    form_page = form_at(COMPLAINTS)
    names = {field.label: field.clean_name for field in form_page.get_form_fields()}
    story = "The crew left rubbish all over the pavement\x00 on Brook Road"
    assert site_client.get(form_page.url + "?details=" + story.replace(" ", "+")).status_code == 200

    plan = form_page.get_steps()
    step = next(n for n, step_names in enumerate(plan, 1) if names["What happened?"] in step_names)
    html = site_client.get(form_page.url if step == 1 else form_page.step_url(step)).content.decode()
    assert "The crew left rubbish all over the pavement on Brook Road</textarea>" in html

    site_client.get(form_page.url + "?details=something+else")
    html = site_client.get(form_page.url if step == 1 else form_page.step_url(step)).content.decode()
    assert "something else" not in html


def test_details_in_the_link_are_bounded(site_client):
    form_page = form_at(COMPLAINTS)
    site_client.get(form_page.url, {"details": "x" * 50_000})
    draft = site_client.session[f"taskform:{form_page.pk}"]
    assert max(len(value) for value in draft["values"].values()) == 1000
