from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = "My Account"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receiver)
