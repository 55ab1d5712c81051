from django.apps import AppConfig


class MergersConfig(AppConfig):
    name = "mergers"
    verbose_name = "Council mergers"
    default_auto_field = "django.db.models.BigAutoField"
