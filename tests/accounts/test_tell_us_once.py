"""Tell us once (issue 24): a signed-in resident's details and saved address fill the questions editors marked with
their roles, what they told the assistant fills the question marked "which one", nothing typed is overwritten, and
nothing is filled for someone signed out or for staff."""
import pytest
from django.contrib.auth import get_user_model

from accounts.models import ResidentProfile, SavedAddress
from casework.intake.definition import FormDefinition
from casework.intake.flow import Intake
from casework.intake.prefill import Known, KnownAddress, answers_from, choice_from_words
from casework.models import ContactBy, Status, Submission
from casework.status import change_status
from places.models import Address
from tests.casework.conftest import form_at, valid_answers
from tests.casework.test_intake import bin_order

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
FLAT = "100091000006"  # Flat 2, 9 Market Street, WM1 1AA (the demo address list)


@pytest.fixture
def resident(site_client):
    user = get_user_model().objects.create_user("jo@example.org", "jo@example.org", PASSWORD)
    profile = ResidentProfile.objects.create(
        user=user, verified_email="jo@example.org", full_name="Jo Bloggs", phone="07700900123",
        contact_by=ContactBy.BOTH,
    )
    SavedAddress.objects.create(profile=profile, address=Address.objects.get(uprn=FLAT), main=True)
    site_client.force_login(user)
    return user


def test_the_account_fills_the_questions_by_their_roles_and_nothing_else():
    definition = FormDefinition.from_dict(bin_order(None))
    known = Known(name="Jo Bloggs", email="jo@example.org", phone="07700900123",
                  address=KnownAddress(postcode="WM1 1AA", lines="Flat 2, 9 Market Street, Westmere", uprn=FLAT))
    assert answers_from(definition, known) == {
        "your_name": "Jo Bloggs",
        "your_email": "jo@example.org",
        "your_postcode": "WM1 1AA",
        "address": "Flat 2, 9 Market Street, Westmere",  # the postcode has its own question
    }
    alone = FormDefinition.from_dict({"questions": [
        {"name": "where", "label": "Your address, including postcode", "field_type": "multiline", "role": "address"},
        {"name": "what", "label": "What happened?", "field_type": "multiline"},
    ]})
    assert answers_from(alone, known) == {"where": "Flat 2, 9 Market Street, Westmere, WM1 1AA"}
    assert answers_from(definition, Known()) == {}


def test_prefilling_never_overwrites_an_answer_and_remembers_what_it_filled():
    intake = Intake(FormDefinition.from_dict(bin_order(None)), {"your_name": "Joanna Bloggs"})
    filled = intake.prefill({"your_name": "Jo Bloggs", "your_email": "jo@example.org", "no_such_question": "x"})
    assert filled == {"your_email"} and intake.prefilled == {"your_email"}
    assert intake.answers == {"your_name": "Joanna Bloggs", "your_email": "jo@example.org"}
    # the email's step was answered for them: after the name, the form goes on to the postcode
    assert intake.next_step(1) == 3


MISSED = {"questions": [{"name": "which", "label": "Which bin was missed?", "field_type": "radio", "role": "kind",
                         "choices": ["Rubbish (green bin)", "Recycling (blue bin)", "Food waste (caddy)",
                                     "Garden waste (brown bin)"]},
                        {"name": "out", "label": "Was your bin out by 7am?", "field_type": "radio",
                         "choices": ["Yes", "No", "Not sure"]}]}


@pytest.mark.parametrize("said, chosen", [
    ("my recycling wasn't collected", "Recycling (blue bin)"),
    ("You missed the blue bin again!", "Recycling (blue bin)"),
    ("food caddy not emptied", "Food waste (caddy)"),
    ("garden waste not taken", "Garden waste (brown bin)"),
    ("my bin was not collected", None),  # "bin" and "waste" are in several choices: they tell nothing
    ("the green and the blue bins were missed", None),  # two choices: ask
    ("", None),
])
def test_what_the_resident_told_the_assistant_picks_the_one_choice_it_names(said, chosen):
    found = choice_from_words(FormDefinition.from_dict(MISSED), said)
    assert found == ({"which": chosen} if chosen else {})  # never the unmarked question ("No" in "not")


def test_a_signed_in_resident_starts_where_the_account_cannot_answer_and_checks_it_all(site_client, resident):
    form = form_at("/bins-and-recycling/report-a-missed-bin/")
    start = site_client.get(form.url + "?said=my recycling bin was missed")
    # postcode and address (step 1), and which bin (step 2), are answered: the first question left is the date
    assert start.status_code == 302 and start["Location"] == form.step_url(3)
    answers = {k: v for k, v in valid_answers(form).items() if not k.startswith(("your_postcode", "first_line",
                                                                                  "which", "email"))}
    url = start["Location"]
    while not url.endswith("/check/"):
        response = site_client.post(url, answers)
        assert response.status_code == 302, response.content.decode()[:2000]
        url = response["Location"]
    check = site_client.get(url).content.decode()
    for shown in ("WM1 1AA", "Flat 2, 9 Market Street, Westmere", "Recycling (blue bin)", "jo@example.org"):
        assert shown in check
    assert check.count("Change") >= 6
    assert site_client.post(url).status_code == 302
    submission = Submission.objects.get()
    assert (submission.uprn, submission.email, submission.user.email) == (FLAT, "jo@example.org", "jo@example.org")
    assert (submission.contact_by, submission.phone) == (ContactBy.BOTH, "07700900123")  # for text updates


def test_an_answer_the_resident_changes_stays_changed(site_client, resident):
    form = form_at("/bins-and-recycling/report-a-missed-bin/")
    site_client.get(form.url)
    names = form.form_definition().steps[0]
    site_client.post(form.url, {names[0]: "WM1 1AB", names[1]: "2 Market Street"})
    page = site_client.get(form.url).content.decode()
    assert "WM1 1AB" in page and "2 Market Street" in page and "Flat 2" not in page


def test_nothing_is_filled_for_someone_signed_out_or_for_staff(site_client, django_user_model):
    form = form_at("/bins-and-recycling/report-a-missed-bin/")
    page = site_client.get(form.url)
    assert page.status_code == 200 and 'name="your_postcode" type="text" value=""' in page.content.decode()
    staff = django_user_model.objects.create_user("staff@example.org", "staff@example.org", PASSWORD, is_staff=True)
    ResidentProfile.objects.create(user=staff, full_name="Staff Member")
    site_client.force_login(staff)
    page = site_client.get(form_at("/council-tax/moving-home/").url)
    assert page.status_code == 200 and "Staff Member" not in page.content.decode()
    assert site_client.get("/account/details/").status_code == 404


def test_new_details_reach_open_requests_only_when_the_resident_asks(site_client, resident):
    form = form_at("/parking-and-roads/parking-permits/")
    old = Submission.objects.create(page=form, form_data={"your_full_name": "Jo Old"},
                                    answers=[["Your full name", "Jo Old"]], user=resident)
    done = Submission.objects.create(page=form, form_data={"your_full_name": "Jo Old"},
                                     answers=[["Your full name", "Jo Old"]], user=resident)
    change_status(done, None, Status.DONE, "")
    details = {"full_name": "Jo New", "phone": "07700 900456", "contact_by": "text"}
    page = site_client.get("/account/details/").content.decode()
    assert "Also use these details on my 1 open request" in page
    assert site_client.post("/account/details/", details).status_code == 302
    old.refresh_from_db()
    assert old.form_data["your_full_name"] == "Jo Old" and old.contact_by == ContactBy.TEXT  # the choice always
    assert site_client.post("/account/details/", {**details, "update_open_requests": "on"}).status_code == 302
    old.refresh_from_db()
    done.refresh_from_db()
    assert old.form_data["your_full_name"] == "Jo New" and old.answers == [["Your full name", "Jo New"]]
    assert old.phone == "07700900456"
    assert done.form_data["your_full_name"] == "Jo Old"  # a closed request is the record of what was sent


def test_text_updates_need_a_mobile_number(site_client, resident):
    page = site_client.post("/account/details/", {"full_name": "Jo", "phone": "01632 960001", "contact_by": "text"})
    assert page.status_code == 200 and "Enter a mobile phone number" in page.content.decode()
    assert ResidentProfile.objects.get(user=resident).phone == "07700900123"  # nothing saved


def test_an_address_is_found_by_postcode_from_the_address_list_and_saved(site_client, resident):
    assert "Enter a real postcode" in site_client.get("/account/addresses/add/?postcode=nonsense").content.decode()
    outside = site_client.get("/account/addresses/add/?postcode=SW1A 1AA").content.decode()
    assert "Westmere District Council area" in outside
    choose = site_client.get("/account/addresses/add/?postcode=wm11aa").content.decode()
    assert "Flat 1, 9 Market Street" in choose and "1 Market Street" in choose
    unpicked = site_client.post("/account/addresses/add/", {"postcode": "WM1 1AA"})
    assert "Select your address" in unpicked.content.decode()
    chosen = {"postcode": "WM1 1AA", "uprn": "100091000001"}
    assert site_client.post("/account/addresses/add/", chosen).status_code == 302
    profile = ResidentProfile.objects.get(user=resident)
    assert [s.address.uprn for s in profile.addresses.all()] == [FLAT, "100091000001"]
    assert profile.main_address.address.uprn == FLAT
    newer = profile.addresses.get(address__uprn="100091000001")
    assert site_client.post(f"/account/addresses/{newer.pk}/use/").status_code == 302
    assert ResidentProfile.objects.get(user=resident).main_address.address.uprn == "100091000001"
    assert site_client.post(f"/account/addresses/{newer.pk}/remove/").status_code == 302
    assert ResidentProfile.objects.get(user=resident).main_address.address.uprn == FLAT  # the other one takes over
    other = get_user_model().objects.create_user("sam@example.org", "sam@example.org", PASSWORD)
    site_client.force_login(other)
    assert site_client.post(f"/account/addresses/{profile.addresses.get().pk}/remove/").status_code == 404


@pytest.mark.parametrize("name", ["Jo\x00Bloggs", "J" * 5000, "Zoë 🐝 Ångström\u202e"])
def test_odd_details_get_a_clear_message_or_are_kept_as_typed(site_client, resident, name):
    response = site_client.post("/account/details/", {"full_name": name, "phone": "", "contact_by": "email"})
    profile = ResidentProfile.objects.get(user=resident)
    if response.status_code == 200:  # refused: said why, and what was typed is still there to correct
        page = response.content.decode()
        assert "govuk-error-summary" in page and profile.full_name == "Jo Bloggs"
    else:
        assert profile.full_name == name.replace("\x00", "").replace("\u202e", "")  # no NUL, no text turned back


@pytest.mark.parametrize("query", ["?postcode=%00", "?postcode=" + "W" * 10000, "?postcode=%F0%9F%90%9D"])
def test_odd_postcodes_get_a_clear_message(site_client, resident, query):
    page = site_client.get("/account/addresses/add/" + query)
    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()


def test_odd_words_from_the_assistant_fill_nothing_and_break_nothing(site_client):
    form = form_at("/bins-and-recycling/report-a-missed-bin/")
    for said in ("\x00", "recycling" * 2000, "♻️ blue\u0000bin"):
        assert site_client.get(form.url, {"said": said}).status_code in (200, 302)
