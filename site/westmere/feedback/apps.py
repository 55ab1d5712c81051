from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "westmere.feedback"
    label = "feedback"
    verbose_name = "Resident feedback"
    default_auto_field = "django.db.models.BigAutoField"
