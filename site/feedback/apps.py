from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    label = "feedback"
    verbose_name = "Resident feedback"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import from_forms  # noqa: F401 (connects the receiver)
