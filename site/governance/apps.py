from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    label = "governance"
    verbose_name = "Content governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import panels, signals, workflow_emails

        signals.connect()
        workflow_emails.connect()
        panels.add_to_governed_pages()
