from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    label = "residents"
    verbose_name = "One view of the resident"
    default_auto_field = "django.db.models.BigAutoField"
