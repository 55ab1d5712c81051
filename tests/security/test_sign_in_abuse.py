"""Issue 11, item 5: sign-in lockout (django-axes), no account enumeration at sign-up, no reset bursts."""
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user("resident@example.com", "resident@example.com", PASSWORD)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


def client_from(address):
    return Client(HTTP_HOST="localhost", REMOTE_ADDR=address)


def test_wrong_passwords_on_my_account_lock_that_address_and_username_out(resident):
    attacker = client_from("203.0.113.7")
    statuses = [
        attacker.post("/account/sign-in/", {"username": "resident@example.com", "password": f"guess-{n}"}).status_code
        for n in range(8)
    ]
    assert statuses[:4] == [200] * 4 and statuses[4:] == [429] * 4  # the 5th wrong password locks
    locked = attacker.post("/account/sign-in/", {"username": "Resident@example.com", "password": PASSWORD})
    assert locked.status_code == 429 and "Too many attempts to sign in" in locked.content.decode()
    # The real resident, from their own address, still gets in.
    assert client_from("198.51.100.20").post(
        "/account/sign-in/", {"username": "resident@example.com", "password": PASSWORD}
    ).status_code == 302


def test_wrong_passwords_on_the_wagtail_admin_lock_out_too(editor):
    attacker = client_from("203.0.113.8")
    for n in range(5):
        attacker.post("/admin/login/", {"username": "editor", "password": f"guess-{n}"})
    response = attacker.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(resident):
    for n in range(6):
        response = client_from("203.0.113.9").post(
            "/account/sign-in/",
            {"username": "resident@example.com", "password": f"guess-{n}"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",  # no trusted proxy in front: the header is ignored
        )
    assert response.status_code == 429


def test_sign_up_does_not_say_whether_an_email_has_an_account(resident):
    new = Client(HTTP_HOST="localhost").post("/account/sign-up/", {"email": "new@example.com", "password": PASSWORD})
    taken = Client(HTTP_HOST="localhost").post(
        "/account/sign-up/", {"email": "Resident@example.com", "password": PASSWORD}
    )
    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"] == "/account/sign-up/sent/"
    page = Client(HTTP_HOST="localhost").get("/account/sign-up/sent/").content.decode()
    assert "Check your email" in page and "already an account" not in page
    assert get_user_model().objects.filter(username__iexact="resident@example.com").count() == 1
    # The owner of the existing account is told by email, where only they can read it.
    [notice] = [m for m in mail.outbox if m.to == ["resident@example.com"]]
    assert "already have" in notice.subject and "/account/password-reset/" in notice.body


def test_password_reset_sends_at_most_3_emails_to_one_address_in_an_hour(resident, settings):
    settings.ACCOUNT_EMAIL_RATE_LIMIT = "3/h"
    mail.outbox.clear()
    for n in range(15):  # from 15 different addresses, as a botnet would
        response = client_from(f"203.0.113.{n + 10}").post(
            "/account/password-reset/", {"email": "resident@example.com"}
        )
        assert response.status_code == 302  # the same answer every time
    assert len([m for m in mail.outbox if m.to == ["resident@example.com"]]) == 3
