from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    label = "places"
    verbose_name = "Addresses and wards"
    default_auto_field = "django.db.models.BigAutoField"
