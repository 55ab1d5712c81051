"""Set up a Direct Debit: the form takes the bank details it said a "secure page" would (there was none)."""
import pytest

from casework.models import Submission
from kit.fields import account_number_field, sort_code_field

from .conftest import form_at, send, valid_answers
from .test_validation import errors

pytestmark = pytest.mark.django_db

DIRECT_DEBIT = "/council-tax/direct-debit/"


@pytest.mark.parametrize("typed,expected", [("30-94-03", "309403"), ("30 94 03", "309403"), ("309403", "309403")])
def test_a_sort_code_is_taken_as_people_write_it(typed, expected):
    assert errors(sort_code_field(), typed) == (expected, None)


@pytest.mark.parametrize("typed", ["30-94", "3094031", "ab-cd-ef", "３０９４０３"])
def test_other_sort_codes_get_the_gov_uk_message(typed):
    assert errors(sort_code_field(), typed)[1] == "Enter a valid sort code, like 30 94 03"


@pytest.mark.parametrize("typed,ok", [("00733445", True), ("733445", True), ("12345", False), ("123456789", False)])
def test_an_account_number_has_6_to_8_digits(typed, ok):
    assert (errors(account_number_field(), typed)[1] is None) is ok


def test_the_direct_debit_page_promises_no_step_that_is_not_there(site_client):
    page = site_client.get(DIRECT_DEBIT).content.decode()
    assert "secure page" not in page
    start = site_client.get(DIRECT_DEBIT + "start/", follow=True).content.decode()
    assert "secure page" not in start


def test_a_direct_debit_request_keeps_the_bank_details_as_digits(site_client):
    form = form_at(DIRECT_DEBIT)
    labels = [field.label for field in form.get_form_fields()]
    assert {"Name on the account", "Sort code", "Account number"} <= set(labels)
    assert send(site_client, form, valid_answers(form)).status_code == 302
    answers = dict(Submission.objects.get(page=form).answers)
    assert answers["Sort code"] == "309403" and answers["Account number"] == "00733445"


def test_a_wrong_sort_code_is_shown_with_what_was_typed(site_client):
    form = form_at(DIRECT_DEBIT)
    answers = valid_answers(form)
    sort_code = next(f.clean_name for f in form.get_form_fields() if f.label == "Sort code")
    answers[sort_code] = "30-94"
    url = form.url
    for _ in range(20):
        response = site_client.post(url, answers)
        if response.status_code == 200:
            break
        url = response["Location"]
    page = response.content.decode()
    assert "Enter a valid sort code, like 30 94 03" in page and 'value="30-94"' in page


def test_emails_show_bank_details_only_by_their_last_digits(site_client, mailoutbox):
    form = form_at(DIRECT_DEBIT)
    assert send(site_client, form, valid_answers(form)).status_code == 302
    from casework.models import Notification
    bodies = [notification.body for notification in Notification.objects.all()] + [m.body for m in mailoutbox]
    confirmation = next(body for body in bodies if "Your answers" in body)
    assert "Sort code: ending in 03" in confirmation and "Account number: ending in 3445" in confirmation
    assert not any("00733445" in body or "309403" in body for body in bodies)
