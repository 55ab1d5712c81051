from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "westmere.casework"
    label = "casework"
    verbose_name = "Requests from residents"
