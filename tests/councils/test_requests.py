"""A request sent on a council's site gets that council's reference prefix, email sender, name and tracking link;
the other council's requests keep theirs."""
import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Site

from casework import references
from casework.models import Submission
from casework.texts import status_text
from cms_pages.models import TaskFormPage
from sitewide.councils import council_for_page
from tests.casework.conftest import send, valid_answers
from tests.conftest import westmere

from .conftest import FELLSIDE_HOST

pytestmark = pytest.mark.django_db
MISSED_BIN = "/bins-and-recycling/report-a-missed-bin/start/"


def fellside_form(path=MISSED_BIN):
    return TaskFormPage.objects.get(url_path="/fellside" + path)


def westmere_form(path=MISSED_BIN):
    return TaskFormPage.objects.get(**westmere(path))


def fellside_answers(form_page):
    answers = valid_answers(form_page, email="resident@example.org")
    for field in form_page.get_form_fields():
        if "postcode" in field.label.lower():
            answers[field.clean_name] = "FL2 4DE"
    return answers


def test_a_request_on_fellside_gets_fellsides_prefix_and_westmeres_keeps_its_own(site_client, fellside):
    form = fellside_form()
    response = send(fellside, form, fellside_answers(form))
    assert response.status_code == 302
    fellside_request = Submission.objects.get(page=form)
    assert fellside_request.reference.startswith("FEL-") and references.FORMAT.match(fellside_request.reference)

    form = westmere_form()
    send(site_client, form, valid_answers(form, email="resident@example.org"))
    westmere_request = Submission.objects.get(page=form)
    assert westmere_request.reference.startswith("WM-") and references.FORMAT.match(westmere_request.reference)


def test_the_confirmation_email_comes_from_the_council_whose_site_the_form_is_on(site_client, fellside):
    form = fellside_form()
    send(fellside, form, fellside_answers(form))
    reference = Submission.objects.get(page=form).reference
    email = next(message for message in mail.outbox if reference in message.subject)
    assert email.from_email == "Fellside District Council <no-reply@fellside.example.org>"
    assert email.body.rstrip().endswith("Fellside District Council")
    assert "http://fellside.localhost:8000/track/" in email.body and "Westmere" not in email.body

    mail.outbox.clear()
    form = westmere_form()
    send(site_client, form, valid_answers(form, email="resident@example.org"))
    reference = Submission.objects.get(page=form).reference
    email = next(message for message in mail.outbox if reference in message.subject)
    assert email.from_email == "Westmere District Council <no-reply@example.org>"
    assert email.body.rstrip().endswith("Westmere District Council") and "Fellside" not in email.body


def test_a_text_names_the_requests_own_council():
    fellside_request = Submission.objects.create(page=fellside_form(), form_data={})
    westmere_request = Submission.objects.create(page=westmere_form(), form_data={})
    assert status_text(fellside_request).startswith("Fellside District Council: your request FEL-")
    assert "fellside.localhost" in status_text(fellside_request)
    assert status_text(westmere_request).startswith("Westmere District Council: your request WM-")


def test_tracking_takes_a_reference_typed_without_its_prefix_as_the_sites_own(site_client, fellside):
    request = Submission.objects.create(page=fellside_form(), form_data={}, email="resident@example.org")
    typed = request.reference.split("-", 1)[1].replace("-", " ").lower()  # "7k3p 9q"
    response = fellside.post("/track/", {"reference": typed, "email": "resident@example.org"})
    assert request.reference in response.content.decode()
    assert "For example, FEL-7K3P-9Q" in fellside.get("/track/").content.decode()
    assert "For example, WM-7K3P-9Q" in site_client.get("/track/").content.decode()


def test_references_are_read_as_typed_whatever_the_council():
    assert references.normalise("fel 7k3p 9q") == "FEL-7K3P-9Q"
    assert references.normalise("7K3P9Q", prefix="FEL") == "FEL-7K3P-9Q"
    assert references.normalise("wm7k3p9q", prefix="FEL") == "WM-7K3P-9Q"
    assert references.normalise("7K3P-9Q") == "WM-7K3P-9Q"


def test_each_councils_settings_say_whose_requests_are_whose():
    fellside = council_for_page(fellside_form())
    westmere_council = council_for_page(westmere_form())
    assert (fellside.reference_prefix, westmere_council.reference_prefix) == ("FEL", "WM")
    assert fellside.site == Site.objects.get(hostname=FELLSIDE_HOST)
    fellside.reference_prefix = "WM"
    with pytest.raises(Exception, match="already starts its references with WM"):
        fellside.full_clean()


def test_a_postcode_mistake_on_fellside_s_form_gives_one_of_fellside_s_postcodes_as_the_example(fellside):
    form = fellside_form()
    answers = fellside_answers(form)
    postcode = next(field.clean_name for field in form.get_form_fields() if "postcode" in field.label.lower())
    page = fellside.post(form.url, {**answers, postcode: "FL"}).content.decode()  # the first question page
    assert "Enter a real postcode, like FL" in page and "WM1 1AA" not in page
    westmere_page = westmere_form()
    westmere_answers = valid_answers(westmere_page, email="resident@example.org")
    postcode = next(f.clean_name for f in westmere_page.get_form_fields() if "postcode" in f.label.lower())
    page = Client().post(westmere_page.url, {**westmere_answers, postcode: "WM"}).content.decode()
    assert "Enter a real postcode, like WM1 1AA" in page


def test_another_council_s_reference_is_tracked_on_its_own_site(site_client, fellside):
    request = Submission.objects.create(page=fellside_form(), form_data={}, email="resident@example.org")
    answers = {"reference": request.reference, "email": "resident@example.org"}
    on_westmere = site_client.post("/track/", answers).content.decode()
    assert "That is a Fellside District Council reference. Track it on their website: " \
           "http://fellside.localhost:8000/track/" in on_westmere
    assert "Received" not in on_westmere
    assert request.reference in fellside.post("/track/", answers).content.decode()
