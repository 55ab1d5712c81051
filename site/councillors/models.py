"""A member enquiry: a ward councillor asks the council something for a resident. It has its own reference and
service standard (MEMBER_ENQUIRY_WORKING_DAYS working days), and customer service answer it in the admin."""
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from casework import references
from casework.models import Status
from kit.working_days import add_working_days
from places.models import Councillor

PREFIX = "ME"


def member_reference(request_reference):
    """WM-7K3P-9Q -> ME-7K3P-9Q: read out on the phone, it is plainly a member enquiry."""
    return PREFIX + request_reference[len(references.PREFIX):]


class MemberEnquiry(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    councillor = models.ForeignKey(Councillor, on_delete=models.PROTECT, related_name="enquiries", editable=False)
    resident_name = models.CharField("Resident's name", max_length=100)
    resident_email = models.EmailField("Resident's email address", blank=True)
    resident_phone = models.CharField("Resident's phone number", max_length=30, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    about = models.CharField("What it is about", max_length=200)
    details = models.TextField("The enquiry", max_length=4000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    answer = models.TextField("Answer to the councillor", blank=True)
    working_days = models.PositiveSmallIntegerField(editable=False)
    due_by = models.DateField(editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "member enquiry"
        verbose_name_plural = "member enquiries"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} {self.about}"

    def save(self, *args, **kwargs):
        if self.reference:
            return super().save(*args, **kwargs)
        self.working_days = self.working_days or settings.MEMBER_ENQUIRY_WORKING_DAYS
        self.due_by = add_working_days(timezone.localdate(self.created_at), self.working_days)
        for _ in range(5):
            self.reference = member_reference(references.new_reference(
                lambda ref: MemberEnquiry.objects.filter(reference=member_reference(ref)).exists()
            ))
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.reference = ""
        raise RuntimeError("Could not save the enquiry with a free reference")

    @property
    def is_overdue(self):
        return self.status not in (Status.DONE, Status.CLOSED) and self.due_by < timezone.localdate()
