from django.apps import AppConfig


class AssistantUpdatesConfig(AppConfig):
    name = "assistant_updates"
    label = "assistant_updates"
    verbose_name = "Assistant updates"
