"""Issue 20: the verified state is the exact address that was verified.

Existing confirmations are kept only for residents' own accounts, whose username is the address they signed up
and confirmed with (My Account has no way to change it); any other account confirms its address again."""
from django.db import migrations, models
from django.db.models import F


def keep_residents_confirmations(apps, schema_editor):
    ResidentProfile = apps.get_model("accounts", "ResidentProfile")
    confirmed = ResidentProfile.objects.filter(email_verified_at__isnull=False)
    for profile in confirmed.filter(user__username__iexact=F("user__email")).select_related("user"):
        profile.verified_email = profile.user.email.lower()
        profile.save(update_fields=["verified_email"])
    confirmed.filter(verified_email="").update(email_verified_at=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="residentprofile",
            name="verified_email",
            field=models.EmailField(blank=True, help_text="The address the resident confirmed, exactly", max_length=254),
        ),
        migrations.RunPython(keep_residents_confirmations, migrations.RunPython.noop),
    ]
