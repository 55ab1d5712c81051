from django.apps import AppConfig


class DirectoriesConfig(AppConfig):
    name = "directories"
    label = "directories"
    verbose_name = "Directories"
    default_auto_field = "django.db.models.BigAutoField"
