"""Service-disruption emails are each council's own: a subscription belongs to the council whose site it was made on,
"every service" is every service of that council, and its form offers that council's service areas alone."""
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from service_status.models import Disruption
from subscriptions.disruptions import announce_started
from subscriptions.models import ServiceStatusSubscription
from wagtail.models import Page, Site

from cms_pages.models import ServiceAreaPage
from tests.conftest import westmere
from tests.subscriptions.conftest import confirm_link_token

from .conftest import FELLSIDE_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_on_yet():
    """Whatever the demo has on now is announced before anyone subscribes; the outbox starts empty."""
    announce_started()
    mail.outbox.clear()


def fellside_site():
    return Site.objects.get(hostname=FELLSIDE_HOST)


def fellside_area(slug):
    return ServiceAreaPage.objects.get(url_path=f"/fellside/{slug}/")


def westmere_area(slug):
    return ServiceAreaPage.objects.get(**westmere(), slug=slug)


def sign_up(client, services, email):
    client.post("/subscriptions/service-status/", {"services": services, "email": email})
    client.post(f"/subscriptions/confirm/{confirm_link_token(mail.outbox[-1])}/")


def disrupt(page, title):
    disruption = Disruption.objects.create(
        title=title, details="Leave your bin out.", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(days=1)
    )
    disruption.pages.add(page)
    return disruption


def told():
    """Who was emailed, and about what, since the outbox was last cleared."""
    return sorted((message.to[0], message.subject.removeprefix("Service disruption: ")) for message in mail.outbox)


def test_a_subscriber_to_every_service_hears_of_their_own_council_s_disruptions_alone(fellside, site_client):
    sign_up(fellside, "all", "fell@example.org")
    sign_up(site_client, "all", "west@example.org")
    sign_up(fellside, "all", "both@example.org")  # one address, every service of each council
    sign_up(site_client, "all", "both@example.org")
    mail.outbox.clear()

    disrupt(fellside_area("bins-and-recycling"), "Fell roads snowed in")
    disrupt(Page.objects.get(url_path="/home/bins-and-recycling/garden-waste/"), "Garden waste suspended")
    assert announce_started() == 2
    assert told() == [
        ("both@example.org", "Fell roads snowed in"), ("both@example.org", "Garden waste suspended"),
        ("fell@example.org", "Fell roads snowed in"), ("west@example.org", "Garden waste suspended"),
    ]
    fell_email = next(m for m in mail.outbox if m.to == ["fell@example.org"])
    assert "//fellside.localhost:8000/subscriptions/unsubscribe/" in fell_email.body


def test_a_subscription_belongs_to_the_council_whose_site_it_was_made_on(fellside, site_client):
    sign_up(fellside, "all", "fell@example.org")
    sign_up(site_client, str(westmere_area("council-tax").pk), "west@example.org")
    assert ServiceStatusSubscription.objects.get(email="fell@example.org").site == fellside_site()
    assert ServiceStatusSubscription.objects.get(email="west@example.org").site.is_default_site


def test_a_council_s_form_offers_its_own_service_areas_alone(fellside, site_client):
    fellside_form = fellside.get("/subscriptions/service-status/").content.decode()
    assert f'value="{fellside_area("bins-and-recycling").pk}"' in fellside_form
    assert f'value="{westmere_area("bins-and-recycling").pk}"' not in fellside_form
    assert f'value="{fellside_area("bins-and-recycling").pk}"' not in site_client.get(
        "/subscriptions/service-status/").content.decode()

    westmere_tax = str(westmere_area("council-tax").pk)
    chosen = fellside.post("/subscriptions/service-status/", {"services": westmere_tax, "email": "jo@example.org"})
    assert "Select which services you want emails about" in chosen.content.decode()
    assert not ServiceStatusSubscription.objects.filter(email="jo@example.org").exists()


def test_subscriptions_made_before_there_were_councils_are_their_area_s_or_the_default_council_s():
    every = ServiceStatusSubscription.objects.create(email="every@example.org", confirmed_at=timezone.now())
    fell_bins = ServiceStatusSubscription.objects.create(
        email="bins@example.org", area=fellside_area("bins-and-recycling"), confirmed_at=timezone.now())
    migration = import_module("subscriptions.migrations.0003_subscriptions_belong_to_a_council")
    migration.set_councils(apps, None)
    every.refresh_from_db()
    fell_bins.refresh_from_db()
    assert every.site.is_default_site and fell_bins.site == fellside_site()

    mail.outbox.clear()
    disrupt(fellside_area("council-tax"), "Fellside's payments line is down")
    disrupt(westmere_area("council-tax"), "Westmere's payments line is down")
    assert announce_started() == 2
    assert told() == [("every@example.org", "Westmere's payments line is down")]
