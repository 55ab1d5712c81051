"""Any change of an account's address (the Wagtail admin, Django's admin, a script) forgets its confirmation."""
from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver

from . import services


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_forget_confirmation")
def forget_the_confirmation_when_the_address_changes(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "email" not in update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values_list("email", flat=True).first()
    if before is not None and before.strip().lower() != (instance.email or "").strip().lower():
        services.forget_confirmation(instance)
