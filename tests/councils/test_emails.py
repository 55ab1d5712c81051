"""A resident's emails that are not about a request speak for the council whose site they used, or whose page or
address they are about: its name, links to its site and its sender. Westmere's stay as they were."""
import re
from datetime import datetime, timedelta

import pytest
import time_machine
from bin_calendar.models import BinReminder
from bin_calendar.reminders import send_due
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from resident_panel.invitations import send_invitations
from resident_panel.models import PanelMember
from service_status.models import Disruption
from subscriptions.disruptions import announce_started
from subscriptions.models import ChangeNotice, PageSubscription, ServiceStatusSubscription
from wagtail.models import Page

from cms_pages.models import TaskPage
from places.bins import next_collections
from places.models import Address
from sitewide.pages import ServiceArea
from tests.conftest import westmere
from tests.resident_panel.conftest import make_member, make_test

pytestmark = pytest.mark.django_db

FELLSIDE_SENDER = "Fellside District Council <no-reply@fellside.example.org>"
WESTMERE_SENDER = "Westmere District Council <no-reply@example.org>"
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def empty_outbox():
    mail.outbox.clear()


def only_email():
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    return mail.outbox[0]


def links(message):
    return re.findall(r"https?://\S+", message.body)


def assert_fellsides(message):
    assert message.from_email == FELLSIDE_SENDER
    assert links(message) and all(link.startswith("http://fellside.localhost") for link in links(message))
    assert "Westmere" not in message.subject + message.body


def assert_westmeres(message):
    assert message.from_email == WESTMERE_SENDER
    assert links(message) and not any("fellside" in link for link in links(message))
    assert "Fellside" not in message.subject + message.body


def test_signing_up_for_an_account_on_fellside_s_site_gets_fellside_s_email(fellside, site_client):
    fellside.post("/account/sign-up/", {"email": "jo@example.org", "password": PASSWORD})
    email = only_email()
    assert email.subject == "Confirm your email address for your Fellside account"
    assert "Fellside District Council account" in email.body
    assert_fellsides(email)

    mail.outbox.clear()
    site_client.post("/account/sign-up/", {"email": "sam@example.org", "password": PASSWORD})
    email = only_email()
    assert email.subject == "Confirm your email address for your Westmere account"
    assert "Westmere District Council account" in email.body
    assert_westmeres(email)


def test_an_account_s_other_emails_on_fellside_s_site_are_fellside_s(fellside, site_client):
    get_user_model().objects.create_user("jo@example.org", "jo@example.org", PASSWORD)
    fellside.post("/account/sign-up/", {"email": "jo@example.org", "password": PASSWORD})
    email = only_email()
    assert email.subject == "You already have a Fellside account"
    assert_fellsides(email)

    mail.outbox.clear()
    fellside.post("/account/password-reset/", {"email": "jo@example.org"})
    email = only_email()
    assert email.subject == "Reset your Fellside account password"
    assert "/account/password-reset/" in email.body
    assert_fellsides(email)

    mail.outbox.clear()
    site_client.post("/account/password-reset/", {"email": "jo@example.org"})
    email = only_email()
    assert email.subject == "Reset your Westmere account password"
    assert_westmeres(email)


def fellside_pay_page():
    return TaskPage.objects.get(url_path="/fellside/council-tax/pay/")


def test_subscribing_to_a_fellside_page_s_updates_gets_fellside_s_email(fellside, site_client):
    page = fellside_pay_page()
    fellside.post(f"/subscriptions/page/{page.pk}/", {"email": "jo@example.org"})
    email = only_email()
    assert email.subject == "Confirm your email updates" and email.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(email)

    mail.outbox.clear()
    page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    site_client.post(f"/subscriptions/page/{page.pk}/", {"email": "jo@example.org"})
    email = only_email()
    assert email.body.rstrip().endswith("Westmere District Council")
    assert_westmeres(email)


def tell_subscribers(page):
    PageSubscription.objects.create(page=page, email="jo@example.org", confirmed_at=timezone.now())
    ChangeNotice.objects.create(page=page, revision=page.save_revision(), tell_subscribers=True, summary="New")
    page.get_latest_revision().publish()


def test_a_fellside_page_s_change_comes_from_fellside():
    tell_subscribers(fellside_pay_page())
    email = only_email()
    assert email.subject.startswith("Page updated:")
    assert_fellsides(email)

    mail.outbox.clear()
    tell_subscribers(TaskPage.objects.get(**westmere("/council-tax/pay/")))
    assert_westmeres(only_email())


def test_a_disruption_on_fellside_s_pages_comes_from_fellside():
    announce_started()  # whatever the demo has on now
    mail.outbox.clear()
    fellside_bins = Page.objects.type(ServiceArea).get(url_path="/fellside/bins-and-recycling/")
    disruption = Disruption.objects.create(
        title="Snow", details="Leave your bin out.", starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(days=2),
    )
    disruption.pages.add(fellside_bins)
    ServiceStatusSubscription.objects.create(email="jo@example.org", area=fellside_bins, confirmed_at=timezone.now())
    assert announce_started() == 1
    assert_fellsides(only_email())


def remind(client, uprn):
    """Ask for and confirm reminders for the address; the evening before its next collection."""
    client.post(f"/bin-calendar/{uprn}/remind/", {"email": "jo@example.org"})
    reminder = BinReminder.objects.get(address__uprn=uprn)
    client.post(f"/bin-calendar/confirm/{reminder.token}/")
    later = timezone.localdate() + timedelta(days=2)
    collection = min(c.next_date for c in next_collections(Address.objects.get(uprn=uprn).collection_round, later))
    evening = datetime.combine(collection - timedelta(days=1), datetime.min.time()).replace(hour=19)
    return timezone.make_aware(evening)


def test_a_fellside_address_s_bin_reminder_comes_from_fellside(fellside, site_client):
    evening = remind(fellside, "100092000001")
    assert_fellsides(mail.outbox[-1])  # the confirm link
    mail.outbox.clear()
    with time_machine.travel(evening, tick=False):
        assert send_due() == 1
    email = only_email()
    assert email.subject.startswith("Bin day tomorrow:") and email.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(email)

    BinReminder.objects.all().delete()
    mail.outbox.clear()
    evening = remind(site_client, "100091000002")
    mail.outbox.clear()
    with time_machine.travel(evening, tick=False):
        assert send_due() == 1
    assert_westmeres(only_email())


def test_joining_the_testing_panel_on_fellside_s_site_gets_fellside_s_email(fellside, site_client):
    fellside_bins = Page.objects.type(ServiceArea).get(url_path="/fellside/bins-and-recycling/")
    fellside.post("/testing-panel/join/", {
        "email": "jo@example.org", "first_name": "Jo", "topics": [fellside_bins.pk], "consent": "on",
    })
    email = only_email()
    assert "Fellside District Council's resident testing panel" in email.body
    assert_fellsides(email)
    assert PanelMember.objects.filter(email="jo@example.org").exists()


def test_an_invitation_to_test_a_fellside_page_comes_from_fellside():
    fellside_bins = Page.objects.type(ServiceArea).get(url_path="/fellside/bins-and-recycling/")
    make_member("jo@example.org", fellside_bins)
    page = TaskPage.objects.get(url_path="/fellside/bins-and-recycling/report-a-missed-bin/")
    assert send_invitations(make_test(page, fellside_bins)) == 1
    email = only_email()
    assert email.body.rstrip().endswith("Fellside District Council")
    assert_fellsides(email)
