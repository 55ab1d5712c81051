from django.conf import settings
from django.db import models


class ResidentProfile(models.Model):
    """A resident's account: their email address counts only once they have clicked the link we sent."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident")
    email_verified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} ({'verified' if self.email_verified else 'not verified'})"

    @property
    def email_verified(self):
        return self.email_verified_at is not None
