from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "westmere.accounts"
    label = "accounts"
    verbose_name = "My Account"
