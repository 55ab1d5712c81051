"""Email reminders of bin day, the evening before, for residents who ask (no account needed): the address is
confirmed by a link sent to the email address first, and every reminder has a link that stops them at once."""
import secrets

from django.db import models


def new_token():
    return secrets.token_urlsafe(24)


class BinReminder(models.Model):
    email = models.EmailField()
    address = models.ForeignKey("places.Address", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_for = models.DateField(null=True, blank=True, help_text="The collection day last reminded of")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "address"], name="bin_reminder_once_per_address")]

    def __str__(self):
        return f"Bin reminder for {self.address}"
