"""Issue 20: My Account cannot be taken over.

1. A staff user who verifies their own address and then takes a resident's email address (Wagtail's account page,
   a user edit in either admin, or any save) sees none of that resident's requests: the verified state is the
   exact address that was verified, and any change of address forgets it. Staff accounts list no residents'
   requests in My Account at all, and My Account's password reset never goes to a staff account.
2. The email link only confirms the address of the account it was sent for, from a signed-in session of that
   account, after a POST; it signs nobody in, works once, and stops working after a password or email change.
"""
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils.http import urlsafe_base64_decode

from accounts import services
from casework.models import Submission
from tests.casework.conftest import send, valid_answers

pytestmark = pytest.mark.django_db

RESIDENT = "resident@example.com"
PASSWORD = "correct-horse-battery"


def new_client():
    return Client(HTTP_HOST="localhost")


def verification_link(email):
    message = next(m for m in reversed(mail.outbox) if m.to == [email] and "Confirm your email" in m.subject)
    return re.search(r"http://[^\s]+(/account/verify/[^\s]+/)", message.body).group(1)


def open_link(client, link):
    """Open the email link as a person would: follow it, and press the button if there is one."""
    response = client.get(link)
    if response.status_code == 200 and b'method="post"' in response.content:
        response = client.post(link)
    return response


def sign_up_and_confirm(client, email=RESIDENT):
    client.post("/account/sign-up/", {"email": email, "password": PASSWORD})
    client.post("/account/sign-in/", {"username": email, "password": PASSWORD})
    open_link(client, verification_link(email))
    assert services.profile_for(get_user_model().objects.get(username=email)).email_verified


@pytest.fixture
def residents_request(missed_bin_form):
    send(new_client(), missed_bin_form, valid_answers(missed_bin_form, email=RESIDENT))
    return Submission.objects.get()


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD, first_name="E", last_name="D")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_editor_who_takes_a_resident_s_email_sees_none_of_their_requests(editor, residents_request):
    resident = new_client()
    sign_up_and_confirm(resident)  # the resident has an account too; their request shows there
    assert residents_request.reference in resident.get("/account/").content.decode()
    attacker = new_client()
    assert attacker.post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code == 302
    # 1. The editor confirms their own address through My Account.
    mail.outbox.clear()
    attacker.post("/account/verify/resend/")
    open_link(attacker, verification_link("editor@example.org"))
    # 2. The editor gives themselves the resident's address on the admin's account page.
    account = {"name_email-first_name": "E", "name_email-last_name": "D", "name_email-email": RESIDENT,
               "locale-preferred_language": "en", "locale-current_time_zone": "", "theme-theme": "system",
               "theme-density": "default", "theme-contrast": "system", "theme-keyboard_shortcuts": "on"}
    attacker.post("/admin/account/", account)
    editor.refresh_from_db()
    assert editor.email == "editor@example.org"  # staff addresses are changed by an administrator, not by themselves
    # 3. Even with the address changed (by an administrator, or any other way), nothing of the resident's shows.
    editor.email = RESIDENT
    editor.save()
    for url in ("/account/", "/account/download/"):
        assert residents_request.reference not in attacker.get(url).content.decode(), url
    assert json.loads(attacker.get("/account/download/").content)["requests"] == []
    # 4. My Account's password reset for the resident's address goes to the resident's account only.
    mail.outbox.clear()
    new_client().post("/account/password-reset/", {"email": RESIDENT})
    links = re.findall(r"/account/password-reset/([^/\s]+)/", mail.outbox[0].body)
    uids = {urlsafe_base64_decode(uid).decode() for uid in links}
    assert len(mail.outbox) == 1 and uids == {str(get_user_model().objects.get(username=RESIDENT).pk)}


@pytest.mark.parametrize("how", ["save", "wagtail users admin"])
def test_any_change_of_address_forgets_the_verification(residents_request, django_user_model, how):
    resident = new_client()
    sign_up_and_confirm(resident)
    user = django_user_model.objects.get(username=RESIDENT)
    if how == "save":
        user.email = "someone.new@example.com"
        user.save()
    else:
        admin = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
        client = new_client()
        client.force_login(admin)
        url = f"/admin/users/edit/{user.pk}/"
        form = client.get(url).context["form"]
        data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
        response = client.post(url, {**data, "first_name": "R", "last_name": "S", "email": "someone.new@example.com"})
        assert response.status_code == 302, response.content.decode()[:2000]
    profile = services.profile_for(django_user_model.objects.get(pk=user.pk))
    assert not profile.email_verified and profile.verified_email == ""
    # Changing it back does not make it verified again: only a new link does.
    user.refresh_from_db()
    user.email = RESIDENT
    user.save()
    assert not services.profile_for(user).email_verified


def test_the_verified_address_is_the_one_that_was_verified_even_without_signals(residents_request, django_user_model):
    """A bulk update sends no signal: the verified state is still tied to the exact address."""
    sign_up_and_confirm(new_client())
    django_user_model.objects.filter(username=RESIDENT).update(email="other@example.com")
    user = django_user_model.objects.get(username=RESIDENT)
    assert not services.profile_for(user).email_verified
    assert residents_request not in services.requests_for(user).exclude(user=user)


def test_a_staff_account_lists_no_residents_requests_in_my_account(editor, missed_bin_form):
    """Staff see requests in the admin, where what they see is scoped; their own account is not a resident's."""
    client = new_client()
    client.force_login(editor)
    send(client, missed_bin_form, valid_answers(missed_bin_form, email="caller@example.com"))  # for a caller
    assert Submission.objects.get().reference not in client.get("/account/").content.decode()
    assert services.requests_for(editor).count() == 0


# Item 2: the link confirms the address only.

def test_the_link_signs_nobody_in(missed_bin_form):
    attacker = new_client()
    attacker.post("/account/sign-up/", {"email": "attacker@example.com", "password": PASSWORD})
    link = verification_link("attacker@example.com")
    victim = new_client()
    response = victim.get(link)
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    assert victim.get("/account/").status_code == 302  # still not signed in
    # Login CSRF: the victim's next form is not filed into the attacker's account.
    send(victim, missed_bin_form, valid_answers(missed_bin_form, email="victim@example.com"))
    assert Submission.objects.get().user is None
    assert not services.profile_for(get_user_model().objects.get(username="attacker@example.com")).email_verified


def test_the_link_confirms_only_after_a_post_from_that_account(django_user_model):
    client = new_client()
    client.post("/account/sign-up/", {"email": RESIDENT, "password": PASSWORD})
    link = verification_link(RESIDENT)
    user = django_user_model.objects.get(username=RESIDENT)
    someone_else = django_user_model.objects.create_user("other@example.com", "other@example.com", PASSWORD)
    other = new_client()
    other.force_login(someone_else)
    assert other.get(link).status_code == 400 and other.post(link).status_code == 400
    assert not services.profile_for(user).email_verified
    signed_in = client.post("/account/sign-in/", {"username": RESIDENT, "password": PASSWORD, "next": link})
    assert signed_in["Location"] == link
    page = client.get(link)
    assert page.status_code == 200 and "Confirm your email address" in page.content.decode()
    assert not services.profile_for(user).email_verified  # opening the link changes nothing
    assert client.post(link)["Location"] == "/account/"
    assert services.profile_for(user).email_verified
    assert client.get(link).status_code == 400 and client.post(link).status_code == 400  # used once


def test_the_link_stops_working_after_a_password_change(django_user_model):
    client = new_client()
    client.post("/account/sign-up/", {"email": RESIDENT, "password": PASSWORD})
    link = verification_link(RESIDENT)
    user = django_user_model.objects.get(username=RESIDENT)
    user.set_password("a-new-long-passphrase")
    user.save()
    client.force_login(user)
    assert client.get(link).status_code == 400 and client.post(link).status_code == 400
    assert not services.profile_for(user).email_verified


def test_the_link_stops_working_after_an_email_change(django_user_model):
    client = new_client()
    client.post("/account/sign-up/", {"email": RESIDENT, "password": PASSWORD})
    link = verification_link(RESIDENT)
    user = django_user_model.objects.get(username=RESIDENT)
    user.email = "changed@example.com"
    user.save()
    client.force_login(user)
    assert client.post(link).status_code == 400
    assert not services.profile_for(user).email_verified
