"""What staff add to one view of the resident: links between two ways of knowing someone (with the reason), and
the record of every look at a resident's record (who, whose, when and why) that a data protection officer reads."""
from django.conf import settings
from django.db import models


class ResidentLink(models.Model):
    """Staff say two identifiers are the same resident ("email:jo@example.org" and "phone:01632960001"), with
    their reason. Unlinking keeps the row, with who unlinked it and why."""

    first = models.CharField(max_length=300)
    second = models.CharField(max_length=300)
    reason = models.TextField()
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)
    unlinked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlinked_at = models.DateTimeField(null=True, blank=True)
    unlink_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["linked_at"]

    def __str__(self):
        return f"{self.first} = {self.second}"


class RecordLook(models.Model):
    """One look at a resident's record, or one export of it."""

    class What(models.TextChoices):
        VIEW = "view", "Looked at the record"
        EXPORT = "export", "Exported everything held (subject access)"
        LINK = "link", "Linked two identifiers"
        UNLINK = "unlink", "Unlinked two identifiers"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    resident = models.CharField("Whose record", max_length=300, help_text="The identifier staff looked up")
    reason = models.TextField()
    what = models.CharField(max_length=10, choices=What.choices, default=What.VIEW)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        permissions = [
            ("view_resident_record", "Can see a resident's record (one view of the resident)"),
            ("read_record_looks", "Can read and export who looked at residents' records"),
        ]

    def __str__(self):
        return f"{self.user} {self.what} {self.resident}"
