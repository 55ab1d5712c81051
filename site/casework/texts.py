"""Text messages to residents about their requests, behind a small interface, so GOV.UK Notify (or another provider)
can replace the demo. CASEWORK_TEXT_PROVIDER picks the class.

As with emails (casework.notifications), a TextMessage is written to the outbox first and a background task sends it,
retrying with a back-off up to CASEWORK_EMAIL_MAX_ATTEMPTS tries; `manage.py send_pending_emails` retries what is still
pending, texts too. Only mobile numbers get texts.

A text can show on a locked phone, so it says only the reference, the status and where to track the request: no
names, addresses, answers or notes. Each fits one message (casework.text_length): a longer one is shortened, never
split.
"""
import logging
from abc import ABC, abstractmethod

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.module_loading import import_string
from django_tasks import task
from notifications_python_client.notifications import NotificationsAPIClient

from kit.uk import NotAPhoneNumber, is_uk_mobile, normalise_uk_phone
from sitewide.councils import council_for_page, council_name, public_url, site_for_page

from . import outbox
from .models import ContactBy, TextMessage
from .text_length import text_fits_one_message

logger = logging.getLogger(__name__)


class TextProvider(ABC):
    name = ""

    @abstractmethod
    def send(self, text):
        """Send a TextMessage (to_phone, body) and return the provider's id for it; raise if it was not accepted."""


class DemoTextProvider(TextProvider):
    """DEMO ONLY: sends nothing. The text stays readable in the outbox (TextMessage), marked sent."""

    name = "demo"

    def send(self, text):
        return f"demo-{text.pk}"


class NotifyTextProvider(TextProvider):
    """GOV.UK Notify. Its text message template (NOTIFY_SMS_TEMPLATE_ID) is the single placeholder ((message)), so
    the words are ours; our outbox id goes as the reference, to find a text in Notify's records."""

    name = "notify"

    def __init__(self):
        if not (settings.NOTIFY_API_KEY and settings.NOTIFY_SMS_TEMPLATE_ID):
            raise ImproperlyConfigured("Texts through GOV.UK Notify need NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID")
        # A short timeout: with the default tasks backend the text is sent during a member of staff's request.
        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10)

    def send(self, text):
        response = self.client.send_sms_notification(
            phone_number=text.to_phone,
            template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
            personalisation={"message": text.body},
            reference=str(text.pk),
        )
        return response["id"]


def get_text_provider():
    return import_string(settings.CASEWORK_TEXT_PROVIDER)()


def is_mobile(phone):
    """A UK mobile number, however it is written: the only kind a text can go to."""
    try:
        return is_uk_mobile(normalise_uk_phone(phone))
    except NotAPhoneNumber:
        return False


def wants_texts(submission):
    """The resident chose texts (or texts and email) and the request has a mobile number to send them to."""
    return ContactBy.by_text(submission.contact_by) and is_mobile(submission.phone)


# What a text says ------------------------------------------------------------------------------------------------


def status_text(submission):
    """'Westmere District Council: your request WM-7K3P-9Q is now In progress. Track it at https://…/track/'"""
    return one_message(f"your request {submission.reference} is now {submission.status_label}.", submission)


def received_text(submission):
    return one_message(f"we have your request {submission.reference}.", submission)


def one_message(news, submission):
    """`news` between the council's name and the tracking address, if that fits one text; else without the address,
    then without the name. The last is always short (a reference and a status), so nothing is sent as two. The
    council is the one whose site the request's form is on."""
    site = site_for_page(submission.page)
    council, track_url = council_name(council_for_page(submission.page)), public_url(site, reverse("casework:track"))
    versions = [f"{council}: {news} Track it at {track_url}", f"{council}: {news}", news[:1].upper() + news[1:]]
    return next((version for version in versions if text_fits_one_message(version)), versions[-1])


# The outbox ------------------------------------------------------------------------------------------------------


def send_status_text(submission):
    return queue_text(submission.phone, status_text(submission), submission)


def send_received_text(submission):
    return queue_text(submission.phone, received_text(submission), submission)


def queue_text(to_phone, body, submission=None):
    text = TextMessage.objects.create(submission=submission, to_phone=normalise_uk_phone(to_phone), body=body)
    outbox.enqueue_delivery(deliver_text, text.pk)  # views run in autocommit, so the row is already saved
    return text


@task()
def deliver_text(text_id):
    return outbox.deliver_pending(TextMessage, text_id, attempt_delivery)


def attempt_delivery(text):
    return outbox.attempt_delivery(text, send_text, deliver_text, saved=("provider_id",))


def send_text(text):
    text.provider_id = get_text_provider().send(text)


def send_pending_texts():
    return outbox.send_pending(TextMessage, attempt_delivery)
