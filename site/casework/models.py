"""Requests residents send through the online forms, their status history, uploads, payments, emails and texts."""
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.contrib.forms.models import AbstractFormSubmission

from sitewide import area_staff
from sitewide.councils import reference_prefix

from . import references
from .prices import pounds


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    IN_PROGRESS = "in_progress", "In progress"
    WAITING = "waiting", "Waiting for you"
    DONE = "done", "Done"
    CLOSED = "closed", "Closed"


class PaymentStatus(models.TextChoices):
    NOT_NEEDED = "", "No payment"
    PENDING = "pending", "Waiting for payment"
    PAID = "paid", "Paid"


class Channel(models.TextChoices):
    """How a request reached us: a resident's own online form, or the way a caller or visitor asked staff, who
    filled the same form in for them (casework.assisted)."""

    ONLINE = "online", "Online form"
    PHONE = "phone", "Phone"
    FACE_TO_FACE = "face_to_face", "Face to face"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    SOCIAL_MEDIA = "social_media", "Social media"
    WEB_CHAT = "web_chat", "Web chat"


class ContactBy(models.TextChoices):
    """How a resident wants to hear about their requests' progress (their My Account choice)."""

    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    BOTH = "both", "Email and text message"

    @classmethod
    def by_email(cls, choice):
        return choice in (cls.EMAIL, cls.BOTH, "")

    @classmethod
    def by_text(cls, choice):
        return choice in (cls.TEXT, cls.BOTH)


ASSISTED_CHANNELS = [choice for choice in Channel.choices if choice[0] != Channel.ONLINE]


class Submission(AbstractFormSubmission):
    """One request. Saved before any email or payment, so nothing a resident sends is lost."""

    reference = models.CharField(max_length=12, unique=True, editable=False)
    task_title = models.CharField(max_length=255, blank=True, editable=False)
    email = models.EmailField(blank=True, editable=False)
    # Who it is from, as one view of the resident finds them (residents.record): the answers to the questions
    # the editor marked as their phone number and postcode, written the same way whoever typed them.
    phone = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    postcode = models.CharField(max_length=10, blank=True, editable=False, db_index=True)
    uprn = models.CharField(
        "UPRN", max_length=12, blank=True, editable=False, db_index=True,
        help_text="The property in the council's address list that the postcode and address line name",
    )
    answers = models.JSONField(default=list, blank=True, editable=False, help_text="[label, answer] pairs as shown")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.ONLINE, editable=False)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The member of staff who filled the form in for the resident",
    )
    handoff = models.ForeignKey(
        "assistant.HandoffRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        editable=False,
        help_text="The chat handed to a person that this request came from",
    )
    chat_transcript = models.JSONField(
        default=list, blank=True, editable=False, help_text="[who, words] of that chat, kept with the request"
    )
    contact_by = models.CharField(
        "Updates by", max_length=5, choices=ContactBy.choices, default=ContactBy.EMAIL, editable=False,
        help_text="How the resident chose to hear of changes: the email address and phone number above",
    )
    campaign = models.CharField(
        max_length=40, blank=True, editable=False,
        help_text="The campaign link the resident came through on this visit, if any (campaigns)",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        editable=False,
        help_text="The request this is one part of (Tell us once: one move, a request to each service)",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_note = models.TextField(
        "Note for the resident",
        blank=True,
        help_text="Sent to the resident with the new status and shown when they track it.",
    )
    service_standard = models.CharField(max_length=255, blank=True, editable=False)
    working_days = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="The service standard as a number, when it was sent"
    )
    due_by = models.DateField(
        null=True, blank=True, editable=False, db_index=True, help_text="Sent date plus the working days"
    )
    payment_status = models.CharField(max_length=10, choices=PaymentStatus.choices, blank=True, default="")
    amount_pence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "request"
        ordering = ["-submit_time"]

    def __str__(self):
        return f"{self.reference} {self.task_title}"

    @property
    def is_open(self):
        return self.status not in (Status.DONE, Status.CLOSED)

    def is_overdue(self, today=None):
        """Still open after the day its service standard promised."""
        return bool(self.due_by) and self.is_open and self.due_by < (today or timezone.localdate())

    def save(self, *args, **kwargs):
        """Saves the request; a new one gets a free reference and its first history entry ("Received").
        Staff change the status with casework.status.change_status(), which records and emails the change."""
        creating = self._state.adding
        if not self.reference:
            self._save_with_new_reference(*args, **kwargs)
        else:
            super().save(*args, **kwargs)
        if creating:
            StatusChange.objects.create(submission=self, status=self.status, note=self.status_note)

    def _save_with_new_reference(self, *args, **kwargs):
        # The reference starts with the prefix of the council whose site the form is on (WM-..., FEL-...).
        prefix = reference_prefix(self.page) or references.PREFIX
        for _ in range(5):
            self.reference = references.new_reference(
                lambda ref: Submission.objects.filter(reference=ref).exists(), prefix=prefix
            )
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:  # another request took the same reference in between
                self.pk = None
                self._state.adding = True
        raise RuntimeError("Could not save the request with a free reference")

    @property
    def parts_in_order(self):
        """The parts of a request told to several services (casework.intake.parts), in the order the form asks."""
        return self.parts.order_by("pk")

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def payment_sentence(self):
        """What the confirmation page, the email and tracking say about payment: from the real payment state."""
        if self.payment_status == PaymentStatus.PAID:
            return f"You have paid {pounds(self.amount_pence or 0)}."
        if self.payment_status == PaymentStatus.PENDING:
            amount = pounds(self.amount_pence or 0)
            return f"You have not paid yet. We cannot start your request until you pay {amount}."
        return ""


class StatusChange(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.submission_id}: {self.status}"

    @property
    def status_label(self):
        return Status(self.status).label


def private_storage():
    """Uploads live outside MEDIA_ROOT and the static files, so no web server can serve them directly."""
    return FileSystemStorage(location=settings.CASEWORK_UPLOAD_ROOT, base_url=None)


def random_upload_name(instance, filename):
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Upload(models.Model):
    """A photo or document sent with a form. Only staff can download it (casework:upload)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(storage=private_storage, upload_to=random_upload_name, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.original_name


@receiver(post_delete, sender=Upload)
def delete_the_file_with_its_row(sender, instance, **kwargs):
    """However an upload's row goes (one delete, a queryset delete, its request deleted in any admin view),
    its file goes too: no file on disk without a row that retention can find."""
    if instance.file.name:
        instance.file.storage.delete(instance.file.name)


class Payment(models.Model):
    """A payment asked of a payment provider. No card details are ever stored here."""

    class State(models.TextChoices):
        CREATED = "created", "Created"
        SUCCESS = "success", "Paid"
        CANCELLED = "cancelled", "Cancelled"

    token = models.CharField(max_length=64, unique=True)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="payments")
    provider = models.CharField(max_length=50)
    provider_id = models.CharField(max_length=100, blank=True)
    amount_pence = models.PositiveIntegerField()
    description = models.CharField(max_length=255)
    return_url = models.CharField(max_length=500)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CREATED)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.provider} {self.provider_id} {self.state}"


class Notification(models.Model):
    """An email in the outbox. Written before sending; the background task retries until it is sent."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails")
    to_email = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    # Who it comes from, fixed when it is written: the council it speaks for. Empty: its request's council, else
    # the installation's default sender (notifications.sender).
    from_email = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.subject} -> {self.to_email} ({self.state})"


class RequestArea(models.Model):
    """Which residents' requests a team of staff (a group) handles: those sent from the forms under `area` (a service
    area page), or, with no area, every service's requests (Customer service). casework.access.requests_for() reads
    these for every list, search, export, detail, status change and file download of requests."""

    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="request_areas")
    area = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The service area whose requests the team handles. Leave empty for every service area.",
    )

    class Meta:
        verbose_name = "team's service area"
        verbose_name_plural = "teams' service areas"
        constraints = [models.UniqueConstraint(fields=["group", "area"], name="casework_request_area_once")]

    def __str__(self):
        return f"{self.group}: {self.area or 'every service area'}"

    def clean(self):
        super().clean()
        if self.area_id and self.group_id:
            area_staff.check_group(self.group, self.area)  # another council's team handles none of its requests


class TextMessage(models.Model):
    """A text message in the outbox, as Notification is for emails: written before sending, retried until sent.
    `provider_id` is the provider's id for it (GOV.UK Notify's notification id; "demo-<pk>" for the demo)."""

    State = Notification.State

    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="texts")
    to_phone = models.CharField(max_length=20)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    provider_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Text -> {self.to_phone} ({self.state})"
