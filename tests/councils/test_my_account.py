"""My Account on one council's site lists that council's requests: one sign-in, each council's own list."""
import pytest
from django.contrib.auth import get_user_model

from accounts import services
from casework.models import Submission

from .test_requests import fellside_form, westmere_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    user = get_user_model().objects.create_user("resident@example.org", "resident@example.org", "correct-horse-99")
    profile = services.profile_for(user)
    profile.verified_email = "resident@example.org"
    profile.save()
    return user


def test_each_councils_site_lists_its_own_requests_of_one_account(resident, fellside, westmere_client):
    fellside_request = Submission.objects.create(page=fellside_form(), form_data={}, user=resident)
    westmere_request = Submission.objects.create(page=westmere_form(), form_data={}, user=resident)
    for browser, own, other in (
        (fellside, fellside_request, westmere_request),
        (westmere_client, westmere_request, fellside_request),
    ):
        browser.force_login(resident)
        home = browser.get("/account/").content.decode()
        assert own.reference in home and other.reference not in home
