"""When Rasa cannot answer, the chat proxy's apology gives the council's phone number from its contact details."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from assistant.chat import unavailable_message
from sitewide.models import CouncilSettings

pytestmark = pytest.mark.django_db


def test_the_apology_gives_the_number_in_the_contact_details():
    CouncilSettings.objects.update(phone="01632 960444")
    message = unavailable_message(RequestFactory().get("/"))
    assert message == "Sorry, the assistant is not available right now. You can call us on 01632 960444."


def test_without_a_site_no_number_is_made_up():
    Site.objects.all().delete()
    message = unavailable_message(RequestFactory().get("/"))
    assert message == "Sorry, the assistant is not available right now."
