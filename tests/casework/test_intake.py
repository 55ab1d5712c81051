"""The intake as one object (issue 22): a form's definition as plain values, the resident's answers step by step,
and `submit`, which saves the request and knows nothing of requests, sessions or redirects."""
import pytest
from django.core import mail
from django.utils import timezone

from casework.intake.definition import FormDefinition, QuestionRole
from casework.intake.flow import Intake
from casework.intake.submit import NotComplete, submit
from casework.models import Channel, PaymentStatus, Submission
from casework.references import FORMAT
from feedback.models import ServiceComment
from kit.working_days import add_working_days

from .conftest import form_at

pytestmark = pytest.mark.django_db
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/"


def bin_order(form_id, **extra):
    """An order for new bins, written as a dict: six questions, a postcode and its address line on one page."""
    return {
        "form_id": form_id,
        "task_title": "Order a new bin",
        "task_kind": "apply",
        "team_address": "bins@example.org",
        "questions": [
            {"name": "your_name", "label": "Your full name", "required": True, "role": "name"},
            {"name": "your_email", "label": "Your email address", "field_type": "email", "required": True,
             "role": "email"},
            {"name": "your_postcode", "label": "Your postcode", "required": True, "validation": "postcode",
             "role": "address"},
            {"name": "address", "label": "Address line 1", "required": True, "role": "address"},
            {"name": "bins", "label": "How many bins?", "field_type": "radio", "required": True,
             "choices": ["1 bin", "2 bins"], "price_role": "option"},
            {"name": "anything_else", "label": "Anything else?", "field_type": "multiline", "role": "description"},
        ],
        "prices": {"prices": [{"option": "1 bin", "pence": 5200}, {"option": "2 bins", "pence": 10400}]},
        **extra,
    }


FREE_ORDER = {"your_name": "Jo Bloggs", "your_email": "jo@example.org", "your_postcode": "WM1 1AA",
              "address": "12 Riverside Road", "bins": "1 bin"}


@pytest.fixture
def form_id():
    return form_at(MISSED_BIN).pk  # the request's `page`: any online form will do


def test_an_intake_from_a_plain_definition_is_filled_step_by_step_and_sent(form_id):
    intake = Intake(FormDefinition.from_dict(bin_order(form_id)))
    assert intake.steps == [["your_name"], ["your_email"], ["your_postcode", "address"], ["bins"], ["anything_else"]]
    assert (intake.current_step, intake.is_complete, intake.amount_due) == (1, False, None)

    assert intake.take(1, {"your_name": "Jo Bloggs"}).is_valid()
    assert intake.current_step == 2
    assert intake.take(2, {"your_email": "jo@example.org"}).is_valid()
    wrong = intake.take(3, {"your_postcode": "nope", "address": "12 Riverside Road"})
    assert wrong.errors == {"your_postcode": ["Enter a real postcode, like WM1 1AA"]}  # the page's own message
    assert intake.answers["your_postcode"] == "nope" and intake.current_step == 3  # kept as typed
    assert intake.take(3, {"your_postcode": "wm1 1aa", "address": "12 Riverside Road"}).is_valid()
    assert intake.take(4, {"bins": "2 bins"}).is_valid()
    assert (intake.current_step, intake.is_complete, intake.amount_due) == (None, True, 10400)

    submission = submit(intake, submitted_by=None, channel=Channel.PHONE)

    saved = Submission.objects.get(pk=submission.pk)
    assert FORMAT.match(saved.reference)
    assert (saved.task_title, saved.email, saved.channel) == ("Order a new bin", "jo@example.org", Channel.PHONE)
    assert saved.answers == [
        ["Your full name", "Jo Bloggs"], ["Your email address", "jo@example.org"], ["Your postcode", "WM1 1AA"],
        ["Address line 1", "12 Riverside Road"], ["How many bins?", "2 bins"], ["Anything else?", "Not given"],
    ]
    assert saved.form_data["bins"] == "2 bins"
    assert (saved.amount_pence, saved.payment_status) == (10400, PaymentStatus.PENDING)
    assert mail.outbox == []  # the emails wait for the payment


def test_a_free_request_is_sent_with_its_emails(form_id):
    intake = Intake(FormDefinition.from_dict(bin_order(form_id, prices={})), FREE_ORDER)
    assert intake.steps[3] == ["bins"] and intake.amount_due is None

    submission = submit(intake)

    assert (submission.payment_status, submission.channel) == (PaymentStatus.NOT_NEEDED, Channel.ONLINE)
    assert sorted(message.to[0] for message in mail.outbox) == ["bins@example.org", "jo@example.org"]
    assert submission.reference in mail.outbox[0].subject


def test_submit_refuses_answers_that_are_not_complete(form_id):
    intake = Intake(FormDefinition.from_dict(bin_order(form_id)), {"your_name": "Jo Bloggs"})
    with pytest.raises(NotComplete):
        submit(intake)
    assert not Submission.objects.exists()


def test_submit_names_what_follows_and_the_feedback_dashboard_hears_of_a_complaint(form_id):
    assert "request_received" in submit.__doc__ and "feedback.from_forms" in submit.__doc__
    definition = FormDefinition.from_dict({
        "form_id": form_id,
        "questions": [
            {"name": "kind", "label": "What would you like to tell us?", "field_type": "radio", "required": True,
             "choices": ["A complaint", "A compliment"], "feedback_role": "category"},
            {"name": "what", "label": "What happened?", "field_type": "multiline", "feedback_role": "text"},
        ],
    })
    submit(Intake(definition, {"kind": "A complaint", "what": "Nobody came"}))
    assert ServiceComment.objects.get().category == "complaint"


def test_what_the_resident_told_the_assistant_goes_in_the_first_long_answer_unless_answered(form_id):
    intake = Intake(FormDefinition.from_dict(bin_order(form_id)))
    assert intake.prefill_details("  The bin\x00 is broken ") and intake.answers["anything_else"] == "The bin is broken"
    assert not intake.prefill_details("something else") and intake.answers["anything_else"] == "The bin is broken"


def test_the_service_standard_is_a_number_of_working_days_the_editor_sets(form_id):
    """The number is the editor's, not read from the promise's words: a promise in weeks has its number too."""
    assert FormDefinition().working_days == 5
    register = form_at("/housing/housing-register/")
    assert "6 weeks" in register.service_standard and register.form_definition().working_days == 30
    comments = form_at("/planning-and-building/comment-on-an-application/")
    assert comments.form_definition().working_days is None  # "before a decision is made": no timescale
    intake = Intake(FormDefinition.from_dict(bin_order(form_id, prices={}, working_days=7)), FREE_ORDER)
    saved = Submission.objects.get(pk=submit(intake).pk)
    assert saved.working_days == 7
    assert saved.due_by == add_working_days(timezone.localtime(saved.submit_time).date(), 7) and not saved.is_overdue()
    assert saved.is_overdue(today=add_working_days(saved.due_by, 1))


def test_the_page_s_definition_matches_its_questions_roles_included():
    page = form_at(MISSED_BIN)
    definition = page.form_definition()
    fields = list(page.get_form_fields())

    assert [(q.name, q.label, q.field_type, q.required, q.help_text, q.validation, q.role) for q in
            definition.questions] == [(f.clean_name, f.label, f.field_type, f.required, f.help_text, f.validation,
                                       f.role) for f in fields]
    assert QuestionRole.EMAIL in [q.role for q in definition.questions]  # the demo marks the obvious roles
    for question, field in zip(definition.questions, fields, strict=True):
        if field.field_type in ("radio", "checkboxes", "dropdown"):
            assert "\n".join(question.choices) == field.choices.strip()
    assert (definition.form_id, definition.task_title, definition.task_kind) == (page.pk, page.task.title,
                                                                                 page.task.kind)
    assert definition.prices == page.price_table()
    assert (definition.service_standard, definition.working_days, definition.thank_you_text,
            definition.team_address) == (page.service_standard, page.working_days, page.thank_you_text,
                                         page.to_address)
    assert definition.photo_upload == page.photo_upload
    assert list(definition.form_class.base_fields) == [f.clean_name for f in fields] + (
        ["photo"] if page.photo_upload else [])


def test_editors_choose_what_each_question_asks_for(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor-roles", "editor@example.org", "pw"))
    html = client.get(f"/admin/pages/{form_at(MISSED_BIN).pk}/edit/").content.decode()
    assert "What this question asks for, so staff-filled forms and My Account can fill it in." in html
    assert "Their email address" in html and "None of these" in html
