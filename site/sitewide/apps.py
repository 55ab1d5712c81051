from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "sitewide"
    label = "sitewide"
    verbose_name = "Site-wide features"

    def ready(self):
        from . import signals

        signals.connect()
