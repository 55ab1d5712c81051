from django.conf import settings
from django.db import models

from casework.models import ContactBy


class ResidentProfile(models.Model):
    """A resident's account: their email address counts only once they have confirmed the link we sent to it.

    The confirmation is of one exact address (`verified_email`): if the account's address changes, in any way,
    the account is no longer verified until a link sent to the new address is confirmed.

    Their details (name, phone, how they want updates, saved addresses) fill the matching questions of every
    online form they start while signed in (accounts.prefill), by the roles editors gave the questions."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident")
    verified_email = models.EmailField(blank=True, help_text="The address the resident confirmed, exactly")
    email_verified_at = models.DateTimeField(null=True, blank=True)
    full_name = models.CharField("Full name", max_length=200, blank=True)
    phone = models.CharField("Phone number", max_length=20, blank=True, help_text="Written one way: 07700900123")
    contact_by = models.CharField(
        "Send me updates by", max_length=5, choices=ContactBy.choices, default=ContactBy.EMAIL
    )

    def __str__(self):
        return f"{self.user} ({'verified' if self.email_verified else 'not verified'})"

    @property
    def email_verified(self):
        return bool(self.verified_email) and self.verified_email.lower() == (self.user.email or "").strip().lower()

    @property
    def main_address(self):
        """The saved address forms use: the one marked main, else the first saved."""
        return next(iter(self.addresses.select_related("address").order_by("-main", "created_at")), None)


class SavedAddress(models.Model):
    """An address a resident keeps in their account: one from the council's address list (places.Address, the list
    the bin-day lookup uses), chosen by postcode, so its UPRN is known."""

    profile = models.ForeignKey(ResidentProfile, on_delete=models.CASCADE, related_name="addresses")
    address = models.ForeignKey("places.Address", on_delete=models.CASCADE, related_name="+")
    main = models.BooleanField("Use it in forms", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-main", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "address"], name="accounts_address_saved_once"),
        ]

    def __str__(self):
        return self.address.full
