from django.apps import AppConfig


class CouncillorsConfig(AppConfig):
    name = "councillors"
    label = "councillors"
    verbose_name = "Ward councillors"
    default_auto_field = "django.db.models.BigAutoField"
