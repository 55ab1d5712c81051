from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    label = "complaints"
    verbose_name = "Complaints"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401  (a complaint sent through a form opens at stage 1)
