from django.apps import AppConfig


class ResidentPanelConfig(AppConfig):
    name = "resident_panel"
    label = "resident_panel"
    verbose_name = "Resident testing panel and remote tests"
    default_auto_field = "django.db.models.BigAutoField"
