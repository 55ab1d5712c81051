from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    label = "subscriptions"
    verbose_name = "Email subscriptions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .page_changes import tell_subscribers_on_publish

        page_published.connect(tell_subscribers_on_publish, dispatch_uid="subscriptions-tell-on-publish")
