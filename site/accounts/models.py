from django.conf import settings
from django.db import models


class ResidentProfile(models.Model):
    """A resident's account: their email address counts only once they have confirmed the link we sent to it.

    The confirmation is of one exact address (`verified_email`): if the account's address changes, in any way,
    the account is no longer verified until a link sent to the new address is confirmed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident")
    verified_email = models.EmailField(blank=True, help_text="The address the resident confirmed, exactly")
    email_verified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} ({'verified' if self.email_verified else 'not verified'})"

    @property
    def email_verified(self):
        return bool(self.verified_email) and self.verified_email.lower() == (self.user.email or "").strip().lower()
