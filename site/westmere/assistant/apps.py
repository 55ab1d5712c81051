from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "westmere.assistant"
    label = "assistant"
    verbose_name = "Chat assistant"
