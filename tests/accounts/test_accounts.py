"""My Account: sign up with a verified email, see only your own requests, download and delete your data."""
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts import services
from casework.models import Submission
from tests.casework.conftest import send, valid_answers

pytestmark = pytest.mark.django_db


def sign_up(client, email="resident@example.com", password="correct-horse-battery"):
    return client.post("/account/sign-up/", {"email": email, "password": password})


def verification_link(email):
    message = next(m for m in reversed(mail.outbox) if m.to == [email] and "Confirm your email" in m.subject)
    return re.search(r"http://[^\s]+(/account/verify/[^\s]+/)", message.body).group(1)


def confirm_email(client, email="resident@example.com", password="correct-horse-battery"):
    """Open the link, sign in when asked (the link signs nobody in), and press Confirm."""
    link = verification_link(email)
    assert client.get(link)["Location"].startswith("/account/sign-in/")
    assert client.post("/account/sign-in/", {"username": email, "password": password, "next": link})["Location"] == link
    assert client.post(link)["Location"] == "/account/"


def test_a_request_sent_before_signing_up_appears_once_the_email_is_verified(site_client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    reference = Submission.objects.get().reference
    assert sign_up(site_client)["Location"] == "/account/sign-up/sent/"
    assert site_client.get("/account/").status_code == 302  # not signed in until the email link is opened
    site_client.post("/account/sign-in/", {"username": "resident@example.com", "password": "correct-horse-battery"})
    home = site_client.get("/account/").content.decode()
    assert "Confirm your email address" in home and reference not in home  # not verified yet
    link = verification_link("resident@example.com")
    assert "Confirm my email address" in site_client.get(link).content.decode()
    assert site_client.post(link).status_code == 302
    home = site_client.get("/account/").content.decode()
    assert reference in home and "Received" in home
    assert Submission.objects.get().user.email == "resident@example.com"


def test_a_bad_verification_link_does_nothing(site_client):
    sign_up(site_client)
    assert site_client.get("/account/verify/not-a-token/").status_code == 400
    assert not services.profile_for(get_user_model().objects.get()).email_verified


def test_residents_see_only_their_own_requests(site_client, client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form, email="someone.else@example.com"))
    theirs = Submission.objects.get().reference
    sign_up(site_client)
    confirm_email(site_client)
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    mine = Submission.objects.exclude(reference=theirs).get().reference
    home = site_client.get("/account/").content.decode()
    assert mine in home and theirs not in home
    data = json.loads(b"".join([site_client.get("/account/download/").content]))
    assert [r["reference"] for r in data["requests"]] == [mine]


def test_unverified_accounts_cannot_claim_someone_else_s_email(site_client, missed_bin_form):
    send(site_client, missed_bin_form, valid_answers(missed_bin_form, email="victim@example.com"))
    sign_up(site_client, email="victim@example.com")  # an impostor who cannot open the victim's email
    site_client.post("/account/sign-in/", {"username": "victim@example.com", "password": "correct-horse-battery"})
    assert Submission.objects.get().reference not in site_client.get("/account/").content.decode()
    assert Submission.objects.get().user is None


def test_download_my_data_is_json_with_answers_and_history(site_client, missed_bin_form):
    sign_up(site_client)
    confirm_email(site_client)
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    response = site_client.get("/account/download/")
    assert response["Content-Type"] == "application/json" and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"] == {**data["account"], "email": "resident@example.com", "email_verified": True}
    request = data["requests"][0]
    assert {"question": "Your postcode", "answer": "WM1 1AA"} in request["answers"]
    assert request["history"][0]["status"] == "Received"


def test_deleting_my_data_removes_the_account_and_personal_details(site_client, missed_bin_form):
    sign_up(site_client)
    confirm_email(site_client)
    send(site_client, missed_bin_form, valid_answers(missed_bin_form))
    assert "Delete my account and data" in site_client.get("/account/delete/").content.decode()
    assert site_client.post("/account/delete/").status_code == 302
    assert not get_user_model().objects.exists()
    submission = Submission.objects.get()
    assert submission.anonymised_at and submission.email == "" and submission.form_data == {}
    assert site_client.get("/account/").status_code == 302  # signed out


def test_sign_in_sign_out_and_password_reset(site_client):
    sign_up(site_client)
    confirm_email(site_client)
    assert site_client.get("/account/").status_code == 200
    site_client.post("/account/sign-out/")
    assert site_client.get("/account/")["Location"].startswith("/account/sign-in/")
    wrong = site_client.post("/account/sign-in/", {"username": "resident@example.com", "password": "nope"})
    assert "Enter a correct email address and password" in wrong.content.decode()
    right = site_client.post(
        "/account/sign-in/", {"username": "Resident@example.com", "password": "correct-horse-battery"}
    )
    assert right.status_code == 302
    site_client.post("/account/sign-out/")
    mail.outbox.clear()
    assert site_client.post("/account/password-reset/", {"email": "resident@example.com"}).status_code == 302
    link = re.search(r"(/account/password-reset/[^\s]+/[^\s]+/)", mail.outbox[0].body).group(1)
    form_url = site_client.get(link)["Location"]
    new_password = {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"}
    done = site_client.post(form_url, new_password)
    assert done.status_code == 302
    assert site_client.login(username="resident@example.com", password="another-long-passphrase")


def test_sign_up_explains_mistakes(site_client):
    content = sign_up(site_client, password="123").content.decode()
    assert "This password is too short" in content
    content = sign_up(site_client, email="not-an-email").content.decode()
    assert "Enter an email address in the correct format" in content


@pytest.mark.django_db
def test_the_password_reset_form_asks_for_the_email_address_in_the_same_words_as_sign_in(client):
    content = client.get("/account/password-reset/").content.decode()
    assert ">Email address<" in content.replace("\n", "").replace("  ", "")
